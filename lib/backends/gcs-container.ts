import { randomBytes } from "node:crypto";
import { AbstractStartedContainer, type StartedTestContainer } from "testcontainers";
import { freePort } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";
import { PollWaitStrategy, httpProbe } from "./poll-wait-strategy.ts";

/** The harness's fake of the GCS JSON API v1 (fixtures/images/gcs): buckets, objects, uploads. */
export class GcsContainer extends HarnessContainer {
  private port?: number;
  private token = `cbh-static-${randomBytes(8).toString("hex")}`;
  private pageSize = 1000;

  constructor(image?: string) {
    super("gcs", image);
  }

  withPort(port: number): this {
    this.port = port;
    return this;
  }

  /** The static bearer token the fake accepts besides those its `/token` grant issues. */
  withToken(token: string): this {
    this.token = token;
    return this;
  }

  /**
   * Most names one `objects.list` page returns (1..1000; GCS's own cap is 1000). GCS may return
   * fewer than `maxResults` and signals more only with `nextPageToken`: a small page finds a client
   * that reads only the first page without writing 1,000 objects.
   */
  withPageSize(names: number): this {
    if (!Number.isInteger(names) || names < 1 || names > 1000) throw new RangeError(`GCS page size must be 1..1000, got ${names}`);
    this.pageSize = names;
    return this;
  }

  override async start(): Promise<StartedGcsContainer> {
    const port = this.port ?? (await freePort());
    const endpoint = `http://127.0.0.1:${port}`;
    this.withEnvironment({
      GCS_FAKE_PORT: String(port),
      GCS_FAKE_HOST: "127.0.0.1",
      GCS_FAKE_TOKEN: this.token,
      GCS_FAKE_PAGE_SIZE: String(this.pageSize),
    }).withWaitStrategy(
      new PollWaitStrategy(
        `gcs fake ${endpoint}`,
        httpProbe(`${endpoint}/healthz`, (s) => s === 200),
      ),
    );
    return new StartedGcsContainer(await super.start(), endpoint, this.token);
  }
}

export class StartedGcsContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    readonly endpoint: string,
    readonly token: string,
  ) {
    super(started);
  }

  /** Token endpoint for a service-account JSON (`token_uri`), as cinder's GCS driver uses. */
  get tokenUri(): string {
    return `${this.endpoint}/token`;
  }

  /** Discovery document URL googleapiclient needs (`discoveryServiceUrl`). */
  get discoveryUrl(): string {
    return `${this.endpoint}/discovery/v1/apis/storage/v1/rest`;
  }
}
