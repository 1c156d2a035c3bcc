import type { StartedTestContainer } from "testcontainers";

/** Daemons of the bundled cloud the harness may stop and start (fixtures/images/cinder/svc). */
export type CloudService = "cinder-api" | "cinder-scheduler" | "cinder-volume" | "cinder-backup" | "glance-api";
export const CLOUD_SERVICES: readonly CloudService[] = ["cinder-api", "cinder-scheduler", "cinder-volume", "cinder-backup", "glance-api"];

/** The cinder services with a row in `services` (cinder-api has none), in start order. */
const RESTART_ORDER: readonly CloudService[] = ["cinder-scheduler", "cinder-volume", "cinder-backup"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class OperatorActionError extends Error {
  readonly code = "operator-action-failed";
  constructor(
    readonly action: string,
    readonly exitCode: number,
    output: string,
  ) {
    super(`operator action ${action} failed (exit ${exitCode}): ${output.trim().slice(-500)}`);
    this.name = "OperatorActionError";
  }
}

/**
 * What an operator does by hand in the guide's recovery procedures, done with `docker exec` in
 * the bundled cloud's container. Only the harness uses it; a remote target has no such facet,
 * so workflows that need it are "not applicable" there.
 */
export class CinderOperator {
  constructor(private readonly container: StartedTestContainer) {}

  /**
   * Stops a daemon (SIGTERM, SIGKILL after 10 s: fixtures/images/cinder/svc). A cinder-backup or
   * cinder-volume stopped mid-I/O leaves its librbd watches on the images it had open until the
   * OSDs time them out (osd_client_watch_timeout, 30 s); the operator waits for that before the
   * service comes back, as rbd.py:RBDDriver.delete_volume's own warning advises ("retrying the
   * delete after 30 seconds"). Otherwise init_host's cleanup deletes the backup's temporary clone
   * while it is still watched: `remove` is busy, the clone goes to the RBD trash, unprotecting
   * the parent's `.clone_snap` fails with ImageBusy (`_delete_clone_parent_refs`) and
   * volume/manager.py:delete_volume leaves the clone `error_deleting` (seen on the bundled cloud).
   */
  async stopService(service: CloudService): Promise<void> {
    await this.run(`stop ${service}`, ["/opt/cbh/svc", "stop", checkService(service)]);
    if (service === "cinder-backup" || service === "cinder-volume") await this.waitForWatchesGone(60);
  }

  /** Waits (at most `seconds`) until no RBD image in the volumes pool has a watcher; the images
   *  still watched then are named in the error. */
  private async waitForWatchesGone(seconds: number): Promise<void> {
    const py =
      "import rados,rbd,sys,time\nc=rados.Rados(conffile='/etc/ceph/ceph.conf');c.connect();io=c.open_ioctx('volumes')\n" +
      "end=time.time()+float(sys.argv[1])\nwhile True:\n  busy=[]\n  for n in rbd.RBD().list(io):\n" +
      "    try:\n      with rbd.Image(io,n,read_only=True) as img:\n        busy+=[n] if list(img.watchers_list()) else []\n" +
      "    except rbd.ImageNotFound: pass\n  if not busy: sys.exit(0)\n  if time.time()>end: sys.exit('still watched: '+' '.join(busy))\n" +
      "  time.sleep(1)\n";
    await this.run("wait for the stopped service's RBD watches to expire", ["python3", "-c", py, String(seconds)]);
  }

  /**
   * Freezes a running daemon and its children (SIGSTOP to its process group): it keeps its AMQP
   * connection and its `services` row stays up, but handles no message until `resumeService` —
   * a hung service, or one on a host too loaded to keep up. Fails when the service is not running.
   */
  async pauseService(service: CloudService): Promise<void> {
    await this.signal("pause", service, "STOP");
  }

  /** Lets a paused daemon run again (SIGCONT); the messages queued meanwhile are handled then. */
  async resumeService(service: CloudService): Promise<void> {
    await this.signal("resume", service, "CONT");
  }

  private async signal(action: string, service: CloudService, sig: "STOP" | "CONT"): Promise<void> {
    const pidFile = `/run/cbh/${checkService(service)}.pid`;
    await this.run(`${action} ${service}`, ["bash", "-c", `pid=$(cat ${pidFile}) && kill -${sig} -- "-$pid"`]);
  }

  async startService(service: CloudService): Promise<void> {
    await this.run(`start ${service}`, ["/opt/cbh/svc", "start", checkService(service)]);
  }

  /**
   * Database loss: drop cinder's database, recreate it empty and re-sync the schema
   * (`cinder-manage db sync`), as after restoring a controller without a DB backup; the operator
   * re-creates the cloud's volume types (the image's volume-types.py) and the cinder services
   * are down meanwhile and started again after it, as when a controller comes back. A service
   * kept running would heartbeat on (service.py:Service.report_state: `Service.service_id` is
   * the old row id, looked up with get_by_id and re-created only if missing), so a re-created
   * row whose id another service's row had taken is shared by two services: cinder-scheduler
   * without a row of its own, a stopped cinder-backup still "up" (seen on the bundled cloud).
   */
  async loseDatabase(): Promise<void> {
    for (const s of [...RESTART_ORDER].reverse()) await this.stopService(s);
    await this.run("lose database", [
      "bash",
      "-c",
      "mysql -e 'DROP DATABASE cinder; CREATE DATABASE cinder' && cinder-manage --config-file /etc/cinder/cinder.conf db sync" +
        " && python3 /opt/cbh/volume-types.py",
    ]);
    for (const s of RESTART_ORDER) await this.startService(s);
  }

  /** The sha256 of a volume's bytes, read from its RBD image (`rbd export`). */
  async volumeSha256(volumeId: string): Promise<string> {
    const out = await this.run("read volume", [
      "bash",
      "-c",
      `set -o pipefail; rbd export volumes/volume-${checkUuid(volumeId)} - 2>/dev/null | sha256sum`,
    ]);
    return out.split(/\s+/)[0] ?? "";
  }

  /** Bytes of a volume's RBD image that hold data (`rbd du`'s `used_size`, whole 4 MiB objects):
   *  what a restore wrote, zeros included, where it did not skip them (docs/releases.md). */
  async volumeUsedBytes(volumeId: string): Promise<number> {
    const out = await this.run("volume usage", ["rbd", "du", "--format", "json", `volumes/volume-${checkUuid(volumeId)}`]);
    const used = (JSON.parse(out) as { images?: { used_size?: unknown }[] }).images?.[0]?.used_size;
    if (typeof used !== "number") throw new OperatorActionError("volume usage", 0, `no used_size in ${out}`);
    return used;
  }

  /** Writes `data` at `offset` into a volume's RBD image (librbd, the image keeps its size). */
  async writeVolume(volumeId: string, data: Uint8Array, offset = 0): Promise<void> {
    const target = `/tmp/cbh-write-${checkUuid(volumeId)}`;
    await this.container.copyContentToContainer([{ content: Buffer.from(data), target }]);
    const py =
      "import rados,rbd,sys\nc=rados.Rados(conffile='/etc/ceph/ceph.conf');c.connect()\n" +
      "io=c.open_ioctx('volumes')\nimg=rbd.Image(io,sys.argv[1])\nimg.write(open(sys.argv[2],'rb').read(),int(sys.argv[3]))\n" +
      "img.close();io.close();c.shutdown()\n";
    await this.run("write volume", ["python3", "-c", py, `volume-${volumeId}`, target, String(offset)]);
    await this.run("write volume", ["rm", "-f", target]);
  }

  private async run(action: string, cmd: string[]): Promise<string> {
    const r = await this.container.exec(cmd);
    if (r.exitCode !== 0) throw new OperatorActionError(action, r.exitCode, r.output);
    return r.stdout;
  }
}

function checkService(s: string): CloudService {
  if (!(CLOUD_SERVICES as readonly string[]).includes(s))
    throw new Error(`unknown cloud service ${JSON.stringify(s)}; expected one of ${CLOUD_SERVICES.join(", ")}`);
  return s as CloudService;
}

function checkUuid(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a volume id: ${JSON.stringify(id)}`);
  return id;
}
