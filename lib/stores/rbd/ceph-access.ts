import { existsSync } from "node:fs";
import { type CephCli, DockerExecCephCli } from "./ceph-cli.ts";
import { HostCephCli } from "./host-ceph-cli.ts";

/** How `cbh store … --store rbd:POOL` reaches the cluster was not (or wrongly) said. */
export class CephAccessError extends Error {
  readonly code = "ceph-access";
  constructor(message: string) {
    super(message);
    this.name = "CephAccessError";
  }
}

export interface CephAccessOptions {
  /** A running Ceph container (name or id): commands run inside it with `docker exec`. */
  container?: string;
  /** A ceph.conf: `rbd` / `rados` run on this host against the cluster it names. */
  conf?: string;
  /** Ceph client name for --conf (cinder's backup_ceph_user); auth-none clusters ignore it. */
  user?: string;
}

/** Flags win over CBH_CEPH_CONTAINER / CBH_CEPH_CONF / CBH_CEPH_USER; exactly one way is needed. */
export function cephCliFor(options: CephAccessOptions, env: NodeJS.ProcessEnv = process.env): CephCli {
  const container = options.container ?? (options.conf ? undefined : env["CBH_CEPH_CONTAINER"]);
  const conf = options.conf ?? (options.container ? undefined : env["CBH_CEPH_CONF"]);
  if (container && conf) throw new CephAccessError("give either a Ceph container or a ceph.conf, not both");
  if (container) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(container))
      throw new CephAccessError(`not a container name or id: ${JSON.stringify(container)}`);
    return new DockerExecCephCli(container);
  }
  if (conf) {
    if (!existsSync(conf)) throw new CephAccessError(`ceph.conf ${conf} does not exist`);
    return new HostCephCli(conf, options.user ?? env["CBH_CEPH_USER"]);
  }
  throw new CephAccessError(
    "rbd: stores need the cluster: --ceph-container NAME|ID (or CBH_CEPH_CONTAINER) or --ceph-conf PATH (or CBH_CEPH_CONF)",
  );
}
