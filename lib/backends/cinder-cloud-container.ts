import { AbstractStartedContainer, Wait, type StartedTestContainer, type StoppedTestContainer, type StopOptions } from "testcontainers";
import { CephContainer, type StartedCephContainer } from "./ceph-container.ts";
import { freePorts } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";
import { CinderOperator } from "./cinder-operator.ts";
import { DEFAULT_CLOUD_RELEASE, cinderCloudImage, type CloudRelease } from "./cinder-cloud-release.ts";
import { waitForSchedulerPools } from "./cinder-scheduler-ready.ts";

/** Users the bundled cloud's Keystone has (made at image build time, fixtures/images/cinder/bootstrap.py). */
export const CINDER_CLOUD_USERS = {
  admin: { username: "admin", password: "cbh-admin", projectName: "admin" },
  demo: { username: "demo", password: "cbh-member", projectName: "demo" },
} as const;

/** The Ceph OSD's advertised capacity under the bundled cloud: room for a few restored volumes
 *  at once, also with `cbh diff --jobs 4` (memstore keeps what is written in RAM; deleting a
 *  volume frees it). */
export const BUNDLED_MEMSTORE_BYTES = 8 * 1024 ** 3;

/** Backup drivers the bundled cloud can run; only posix needs no other container. */
export type CloudBackupDriver = "posix";
const BACKUP_DRIVERS: Record<CloudBackupDriver, string> = {
  posix: "cinder.backup.drivers.posix.PosixBackupDriver",
};

/**
 * A real Zed or Epoxy cloud (fixtures/images/cinder, `local/cbh-cinder[-epoxy]:ci`): Keystone, Glance, cinder-api/scheduler/volume
 * (RBD, librbd)/backup, MariaDB and RabbitMQ in one container, plus the project's Ceph
 * container for the `volumes` pool. Ready when every cinder service reports `up` in
 * os-services (the image's ready line).
 */
export class CinderCloudContainer extends HarnessContainer {
  private backupDriver: CloudBackupDriver = "posix";

  /** `release` picks the image (cinder-cloud-release.ts) unless `image` names one. */
  constructor(
    image?: string,
    readonly release: CloudRelease = DEFAULT_CLOUD_RELEASE,
  ) {
    super("cinder", image ?? cinderCloudImage(release));
  }

  static forRelease(release: CloudRelease): CinderCloudContainer {
    return new CinderCloudContainer(undefined, release);
  }

  withBackupDriver(driver: CloudBackupDriver): this {
    this.backupDriver = driver;
    return this;
  }

  override async start(): Promise<StartedCinderCloud> {
    // A restore writes the whole volume (backup/chunkeddriver.py:_restore_v1 writes every chunk,
    // zeros too), so each restored 1 GB volume holds 1 GiB of the memstore OSD: at the default
    // 2 GiB the second restore filled the OSD ("1 full osd(s)") and every later write hung.
    const ceph = await new CephContainer()
      .withRgw(false)
      .withMgr(false)
      .withPools("volumes")
      .withMemstoreBytes(BUNDLED_MEMSTORE_BYTES)
      .start();
    let started: StartedCinderCloud | undefined;
    try {
      const [keystone, cinder, glance, rabbit, rabbitDist, epmd] = (await freePorts(6)) as [number, number, number, number, number, number];
      this.withEnvironment({
        CEPH_MON_HOST: ceph.monHost,
        KEYSTONE_PORT: String(keystone),
        CINDER_PORT: String(cinder),
        GLANCE_PORT: String(glance),
        RABBIT_PORT: String(rabbit),
        RABBIT_DIST_PORT: String(rabbitDist),
        EPMD_PORT: String(epmd),
        BACKUP_DRIVER: BACKUP_DRIVERS[this.backupDriver],
      })
        .withWaitStrategy(Wait.forLogMessage(/^cbh-cinder ready /m))
        // ~60 s on an idle 2-core machine; minutes when the machine is shared
        .withStartupTimeout(600_000);
      started = new StartedCinderCloud(await super.start(), ceph, { keystone, cinder, glance }, this.release);
      await waitForSchedulerPools(started.authUrl, `http://127.0.0.1:${cinder}`, CINDER_CLOUD_USERS.admin);
      return started;
    } catch (err) {
      // the started cloud stops its Ceph container too
      await (started ?? ceph).stop();
      throw err;
    }
  }
}

export class StartedCinderCloud extends AbstractStartedContainer {
  /** Operator actions of the guide's recovery procedures, for the harness only. */
  readonly operator: CinderOperator;

  constructor(
    started: StartedTestContainer,
    readonly ceph: StartedCephContainer,
    readonly ports: { keystone: number; cinder: number; glance: number },
    readonly release: CloudRelease = DEFAULT_CLOUD_RELEASE,
  ) {
    super(started);
    this.operator = new CinderOperator(started);
  }

  get authUrl(): string {
    return `http://127.0.0.1:${this.ports.keystone}/v3`;
  }

  /** `OS_*` variables for the demo (member) user, or admin. */
  osEnvironment(user: keyof typeof CINDER_CLOUD_USERS = "demo"): Record<string, string> {
    const u = CINDER_CLOUD_USERS[user];
    return {
      OS_AUTH_URL: this.authUrl,
      OS_USERNAME: u.username,
      OS_PASSWORD: u.password,
      OS_PROJECT_NAME: u.projectName,
      OS_USER_DOMAIN_NAME: "Default",
      OS_PROJECT_DOMAIN_NAME: "Default",
      OS_REGION_NAME: "RegionOne",
      OS_IDENTITY_API_VERSION: "3",
      OS_INTERFACE: "public",
    };
  }

  /** A `clouds:` entry for clouds.yaml (openstacksdk format), as YAML text. */
  cloudsYaml(name = "cbh-cinder", user: keyof typeof CINDER_CLOUD_USERS = "demo"): string {
    const u = CINDER_CLOUD_USERS[user];
    return [
      "clouds:",
      `  ${name}:`,
      "    auth:",
      `      auth_url: ${this.authUrl}`,
      `      username: ${u.username}`,
      `      password: ${u.password}`,
      `      project_name: ${u.projectName}`,
      "      user_domain_name: Default",
      "      project_domain_name: Default",
      "    region_name: RegionOne",
      "    identity_api_version: 3",
      "",
    ].join("\n");
  }

  /** Stops the cloud, then its Ceph container. */
  override async stop(options?: Partial<StopOptions>): Promise<StoppedTestContainer> {
    try {
      return await super.stop(options);
    } finally {
      await this.ceph.stop();
    }
  }
}
