import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import { freePorts } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";

/** Credentials the ceph image creates in radosgw (overridable with `withS3Keys`/`withSwiftUser`). */
export interface CephCredentials {
  s3AccessKey: string;
  s3SecretKey: string;
  swiftUser: string;
  swiftKey: string;
}

const DEFAULT_CREDENTIALS: CephCredentials = {
  s3AccessKey: "CBHTESTACCESSKEY0001",
  s3SecretKey: "cbhTestSecretKey0123456789abcdefghijklmn",
  swiftUser: "tester:swift",
  swiftKey: "cbhTestSwiftKey01",
};

/**
 * One-node Ceph (fixtures/images/ceph): mon + mgr + memstore OSD + radosgw, auth none, pools
 * `volumes` and `backups`. Ready when the entrypoint prints its ready line (pools accept I/O,
 * radosgw answers, users exist); that takes ~3 s.
 */
export class CephContainer extends HarnessContainer {
  private rgw = true;
  private mgr = true;
  private memstoreBytes = 2 * 1024 ** 3;
  private pools = ["volumes", "backups"];
  private credentials: CephCredentials = { ...DEFAULT_CREDENTIALS };

  constructor(image?: string) {
    super("ceph", image);
  }

  withRgw(enabled: boolean): this {
    this.rgw = enabled;
    return this;
  }

  withMgr(enabled: boolean): this {
    this.mgr = enabled;
    return this;
  }

  /** Advertised memstore capacity. Data lives in OSD RAM (~2x the stored bytes). */
  withMemstoreBytes(bytes: number): this {
    this.memstoreBytes = bytes;
    return this;
  }

  withPools(...pools: string[]): this {
    this.pools = pools;
    return this;
  }

  withS3Keys(accessKey: string, secretKey: string): this {
    this.credentials = { ...this.credentials, s3AccessKey: accessKey, s3SecretKey: secretKey };
    return this;
  }

  withSwiftUser(user: string, key: string): this {
    this.credentials = { ...this.credentials, swiftUser: user, swiftKey: key };
    return this;
  }

  override async start(): Promise<StartedCephContainer> {
    const [monV2, monV1, rgwPort] = (await freePorts(3)) as [number, number, number];
    this.withEnvironment({
      CEPH_MON_V2_PORT: String(monV2),
      CEPH_MON_V1_PORT: String(monV1),
      CEPH_RGW_PORT: this.rgw ? String(rgwPort) : "0",
      CEPH_MGR: this.mgr ? "1" : "0",
      CEPH_MEMSTORE_BYTES: String(this.memstoreBytes),
      CEPH_POOLS: this.pools.join(" "),
      CEPH_S3_ACCESS_KEY: this.credentials.s3AccessKey,
      CEPH_S3_SECRET_KEY: this.credentials.s3SecretKey,
      CEPH_SWIFT_USER: this.credentials.swiftUser,
      CEPH_SWIFT_KEY: this.credentials.swiftKey,
    }).withWaitStrategy(Wait.forLogMessage(/^cbh-ceph ready /m));
    const started = await super.start();
    return new StartedCephContainer(
      started,
      `[v2:127.0.0.1:${monV2},v1:127.0.0.1:${monV1}]`,
      this.rgw ? `http://127.0.0.1:${rgwPort}` : undefined,
      { ...this.credentials },
      [...this.pools],
    );
  }
}

export class StartedCephContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    /** `mon host` value for a client's ceph.conf (auth none). */
    readonly monHost: string,
    /** radosgw base URL (S3 at `/`, Swift at `/swift/v1`, tempauth-style auth at `/auth/v1.0`). */
    readonly rgwUrl: string | undefined,
    readonly credentials: CephCredentials,
    readonly pools: string[],
  ) {
    super(started);
  }

  get swiftAuthUrl(): string {
    return `${this.requireRgw()}/auth/v1.0`;
  }

  private requireRgw(): string {
    if (!this.rgwUrl) throw new Error("this ceph container runs without radosgw (withRgw(false))");
    return this.rgwUrl;
  }
}
