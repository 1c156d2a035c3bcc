import type { ServiceRow } from "../db/rows.ts";
import type { Database } from "../db/database.ts";

/**
 * Service rows and liveness (`objects.Service.is_up`: last heartbeat within `service_down_time`).
 * Heartbeats are lazy: a running service is deemed to report every `report_interval` seconds,
 * so no periodic events keep the simulation busy. Also holds the scheduler's view of backup
 * capabilities (`host_manager.backup_service_states`), which is never pruned, as in cinder.
 */
export class ServiceRegistry {
  readonly #running = new Map<number, { since: number }>();
  readonly #lastBeat = new Map<number, number>();
  /** Hosts whose heartbeats no longer reach the database (WAN cut), with the time of the cut. */
  readonly #cut = new Map<string, number>();
  /** host → last published capabilities of its backup service. */
  readonly backupStates = new Map<string, { backend_state: boolean; driver_name: string; availability_zone: string }>();
  #nextId = 1;

  constructor(
    private readonly db: Database,
    private readonly now: () => number,
    private readonly reportMs: number,
    private readonly downMs: number,
  ) {}

  register(binary: ServiceRow["binary"], host: string, az: string, topic: string): ServiceRow {
    const existing = this.db.service(binary, host);
    if (existing) return existing;
    const t = this.now();
    return this.db.services.insert({
      id: this.#nextId++,
      binary,
      host,
      topic,
      availability_zone: az,
      disabled: false,
      disabled_reason: null,
      updated_at: null,
      created_at: t,
      report_count: 0,
      frozen: false,
      capabilities: null,
    });
  }

  markRunning(row: ServiceRow): void {
    this.#running.set(row.id, { since: this.now() });
    this.#lastBeat.set(row.id, this.now());
  }

  markStopped(row: ServiceRow): void {
    this.#lastBeat.set(row.id, this.lastHeartbeat(row) ?? this.now());
    this.#running.delete(row.id);
  }

  isRunning(row: ServiceRow): boolean {
    return this.#running.has(row.id);
  }

  /** Time of the last heartbeat (`updated_at`), or null if it never reported. */
  lastHeartbeat(row: ServiceRow): number | null {
    const r = this.#running.get(row.id);
    if (r) {
      const cutAt = this.#cut.get(row.host);
      const now = cutAt === undefined ? this.now() : Math.max(r.since, cutAt);
      return now - ((now - r.since) % this.reportMs);
    }
    return this.#lastBeat.get(row.id) ?? null;
  }

  /** A WAN partition between `host` and the central database: its services stop reporting. */
  cutFromDatabase(host: string): void {
    if (!this.#cut.has(host)) this.#cut.set(host, this.now());
  }

  /** The partition heals: heartbeats land again from now on. */
  reconnectToDatabase(host: string): void {
    this.#cut.delete(host);
  }

  /** `utils.service_is_up`. */
  isUp(row: ServiceRow): boolean {
    const beat = this.lastHeartbeat(row);
    return beat !== null && this.now() - beat <= this.downMs;
  }

  /** Rows with `updated_at`/`report_count` refreshed from the lazy heartbeats. */
  rows(): ServiceRow[] {
    return this.db.services.all().map((s) => {
      const beat = this.lastHeartbeat(s);
      s.updated_at = beat;
      const r = this.#running.get(s.id);
      if (r) s.report_count = Math.floor((this.now() - r.since) / this.reportMs);
      return s;
    });
  }
}
