import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import { freePorts } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";

/** A Keystone v3 password identity (domain Default). */
export interface KeystoneUser {
  username: string;
  password: string;
  projectName: string;
}

/** Users the swift-keystone image creates (fixtures/images/swift-keystone/keystone_setup.py). */
export const KEYSTONE_USERS = {
  admin: { username: "admin", password: "admin", projectName: "admin" },
  demo: { username: "demo", password: "demo-pw", projectName: "demo" },
} as const satisfies Record<string, KeystoneUser>;

/**
 * Swift all-in-one behind Keystone v3 (fixtures/images/swift-keystone): Keystone on sqlite +
 * fernet, the proxy with authtoken + keystoneauth; object-store endpoints in the catalog.
 */
export class SwiftKeystoneContainer extends HarnessContainer {
  constructor(image?: string) {
    super("swift-keystone", image);
  }

  override async start(): Promise<StartedSwiftKeystoneContainer> {
    const [proxy, account, container, object, memcache, keystone] = (await freePorts(6)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    this.withEnvironment({
      SWIFT_PROXY_PORT: String(proxy),
      SWIFT_ACCOUNT_PORT: String(account),
      SWIFT_CONTAINER_PORT: String(container),
      SWIFT_OBJECT_PORT: String(object),
      SWIFT_MEMCACHE_PORT: String(memcache),
      KEYSTONE_PORT: String(keystone),
    }).withWaitStrategy(Wait.forLogMessage(/^cbh-swift ready /m));
    return new StartedSwiftKeystoneContainer(await super.start(), `http://127.0.0.1:${proxy}`, `http://127.0.0.1:${keystone}/v3`);
  }
}

export class StartedSwiftKeystoneContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    readonly proxyUrl: string,
    readonly keystoneUrl: string,
  ) {
    super(started);
  }

  /** cinder: `backup_swift_auth = per_user|single_user`, `backup_swift_auth_version = 3`. */
  get users(): typeof KEYSTONE_USERS {
    return KEYSTONE_USERS;
  }
}
