import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import { freePorts } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";
import { PollWaitStrategy, httpProbe } from "./poll-wait-strategy.ts";

/** tempauth accounts built into fixtures/images/swift (proxy-server.conf `[filter:tempauth]`). */
export const SWIFT_TEMPAUTH_USERS = {
  admin: { user: "test:tester", key: "testing" },
  member: { user: "test:tester2", key: "testing2" },
  otherProject: { user: "test2:tester2", key: "testing2" },
} as const;

/** Host ports of the all-in-one's servers (all bound to 127.0.0.1). */
export interface SwiftPorts {
  proxy: number;
  account: number;
  container: number;
  object: number;
  memcache: number;
}

/** Swift all-in-one (proxy + account/container/object servers + memcached) with tempauth. */
export class SwiftContainer extends HarnessContainer {
  private ports?: SwiftPorts;

  constructor(image?: string) {
    super("swift", image);
  }

  withPorts(ports: SwiftPorts): this {
    this.ports = ports;
    return this;
  }

  override async start(): Promise<StartedSwiftContainer> {
    const ports = this.ports ?? (await this.freeSwiftPorts());
    const proxyUrl = `http://127.0.0.1:${ports.proxy}`;
    this.withEnvironment({
      SWIFT_PROXY_PORT: String(ports.proxy),
      SWIFT_ACCOUNT_PORT: String(ports.account),
      SWIFT_CONTAINER_PORT: String(ports.container),
      SWIFT_OBJECT_PORT: String(ports.object),
      SWIFT_MEMCACHE_PORT: String(ports.memcache),
    }).withWaitStrategy(
      new PollWaitStrategy(
        `swift proxy ${proxyUrl}`,
        httpProbe(`${proxyUrl}/auth/v1.0`, (s) => s === 200, {
          "X-Auth-User": SWIFT_TEMPAUTH_USERS.admin.user,
          "X-Auth-Key": SWIFT_TEMPAUTH_USERS.admin.key,
        }),
      ),
    );
    const started = new StartedSwiftContainer(await super.start(), proxyUrl);
    await untilContainersWritable(started);
    return started;
  }

  private async freeSwiftPorts(): Promise<SwiftPorts> {
    const [proxy, account, container, object, memcache] = (await freePorts(5)) as [number, number, number, number, number];
    return { proxy, account, container, object, memcache };
  }
}

export class StartedSwiftContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    readonly proxyUrl: string,
  ) {
    super(started);
  }

  /** tempauth v1 endpoint (cinder: `backup_swift_auth_url`, `backup_swift_auth_version = 1`). */
  get authUrl(): string {
    return `${this.proxyUrl}/auth/v1.0`;
  }

  get user(): string {
    return SWIFT_TEMPAUTH_USERS.admin.user;
  }

  get key(): string {
    return SWIFT_TEMPAUTH_USERS.admin.key;
  }
}

/**
 * The proxy answers tempauth before the account and container servers are up (503 on the first
 * PUT of a container, seen on a loaded machine): ready means a container can be created and removed.
 */
async function untilContainersWritable(swift: StartedSwiftContainer, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const auth = await fetch(swift.authUrl, { headers: { "X-Auth-User": swift.user, "X-Auth-Key": swift.key } });
      const token = auth.headers.get("x-auth-token");
      const storage = auth.headers.get("x-storage-url");
      if (token && storage) {
        const put = await fetch(`${storage}/cbh-ready`, { method: "PUT", headers: { "X-Auth-Token": token } });
        last = `PUT container: HTTP ${put.status}`;
        if (put.status === 201 || put.status === 202) {
          await fetch(`${storage}/cbh-ready`, { method: "DELETE", headers: { "X-Auth-Token": token } });
          return;
        }
      } else last = `auth: HTTP ${auth.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`swift at ${swift.proxyUrl} never accepted a container PUT within ${timeoutMs / 1000} s (last: ${last})`);
}
