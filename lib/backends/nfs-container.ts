import { AbstractStartedContainer, Wait, type StartedTestContainer } from "testcontainers";
import { freePorts } from "./free-port.ts";
import { HarnessContainer } from "./harness-container.ts";

/**
 * NFS-Ganesha (FSAL_VFS) exporting `/export` read-write on 127.0.0.1 (fixtures/images/nfs).
 * This kernel has no NFS client, so clients are userspace: libnfs-utils inside the container
 * (`nfs-cp`, `nfs-ls`, `nfs-cat`) or any libnfs program given `nfsUrl()`.
 */
export class NfsContainer extends HarnessContainer {
  private v3 = true;

  constructor(image?: string) {
    super("nfs", image);
    // FSAL_VFS opens files by handle (CAP_DAC_READ_SEARCH); NFSv3's portmapper runs in its own
    // network namespace (unshare -n needs CAP_SYS_ADMIN) so nothing binds the host's port 111.
    this.withAddedCapabilities("DAC_READ_SEARCH", "SYS_ADMIN");
  }

  /** NFSv3 + v4 (default) or v4 only. libnfs 4.0's v4 WRITE of >= 4 KiB is broken: use v3 to write. */
  withNfsV3(enabled: boolean): this {
    this.v3 = enabled;
    return this;
  }

  /**
   * Export `hostDir` (a host directory on a filesystem with file handles, e.g. ext4) instead of
   * the image's volume, so the host can inspect what clients stored, server side.
   */
  withExportDir(hostDir: string): this {
    this.withBindMounts([{ source: hostDir, target: "/export", mode: "rw" }]);
    return this;
  }

  override async start(): Promise<StartedNfsContainer> {
    const [nfsPort, mountPort] = (await freePorts(2)) as [number, number];
    this.withEnvironment({ NFS_PORT: String(nfsPort), NFS_MNT_PORT: String(mountPort), NFS_V3: this.v3 ? "1" : "0" }).withWaitStrategy(
      Wait.forLogMessage(/^cbh-nfs ready /m),
    );
    return new StartedNfsContainer(await super.start(), nfsPort, mountPort, this.v3);
  }
}

export class StartedNfsContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    readonly nfsPort: number,
    readonly mountPort: number,
    readonly v3: boolean,
  ) {
    super(started);
  }

  /** The export seen as a local directory inside the container (server side). */
  get exportDir(): string {
    return "/export";
  }

  /** A libnfs URL for `path` under the export (e.g. `backups/x`), v3 when enabled. */
  nfsUrl(path = "", version: 3 | 4 = this.v3 ? 3 : 4): string {
    const rel = path.split("/").map(encodeURIComponent).join("/");
    const ports = version === 3 ? `nfsport=${this.nfsPort}&mountport=${this.mountPort}` : `nfsport=${this.nfsPort}`;
    return `nfs://127.0.0.1/export/${rel}?${ports}&version=${version}`;
  }
}
