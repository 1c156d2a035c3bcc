import type { RpcHandlers } from "../../bus/rpc-api.ts";
import type { CloudState } from "../../kernel/cloud-state.ts";
import { Semaphore } from "../../core/scheduler.ts";
import type { BackupRow } from "../../db/rows.ts";
import type { BackupDriver } from "../../driver/backup-driver.ts";
import { CinderService } from "../cinder-service.ts";
import { cleanupIncompleteBackupOperations } from "./backup-cleanup.ts";
import { continueBackup, createBackup } from "./backup-create.ts";
import { deleteBackup } from "./backup-delete.ts";
import { exportRecord, importRecord } from "./backup-records.ts";
import { resetStatus } from "./backup-reset-status.ts";
import { restoreBackup } from "./backup-restore.ts";
import type { BackupRpcApi } from "./backup-rpcapi.ts";

/**
 * cinder-backup on one host (`backup/manager.py:BackupManager`). `backup_workers` processes
 * share the host name and one `backup_max_operations` semaphore.
 */
export class BackupService extends CinderService<BackupRpcApi> {
  isInitialized = false;
  readonly operations: Semaphore;

  constructor(
    state: CloudState,
    host: string,
    az: string,
    readonly driver: BackupDriver,
    readonly workers = 1,
  ) {
    super(state, "cinder-backup", host, az, "cinder-backup");
    this.operations = new Semaphore(state.sched, state.config.backup_max_operations);
  }

  /** `driver_name`: stored in `backup.service`. */
  get driverName(): string {
    return this.driver.name;
  }

  /** `_is_our_backup`: a NULL service is ours; otherwise our driver name must start with it. */
  isOurBackup(service: string | null): boolean {
    return !service || this.driverName.startsWith(service);
  }

  /** `init_host`: set up the driver (retried every `backup_driver_init_check_interval`), clean up, publish. */
  protected override async initHost(epoch: number): Promise<void> {
    await this.#setupDriver(epoch);
    // Process #1 of the `backup_workers` runs the cleanup; the others wait on its lock.
    await cleanupIncompleteBackupOperations(this, this.state, epoch);
    this.publishCapabilities();
  }

  async #setupDriver(epoch: number): Promise<void> {
    try {
      await this.driver.checkForSetupError();
      this.isInitialized = true;
      this.trace({ kind: "state", event: { type: "note", text: `driver ${this.driverName} initialised`, subjects: [] } });
    } catch (e) {
      this.isInitialized = false;
      this.trace({
        kind: "error",
        event: { type: "note", text: `driver ${this.driverName} not initialised: ${(e as Error).message}`, subjects: [] },
      });
      this.state.sched.schedule(
        this.state.config.backup_driver_init_check_interval * 1000,
        `init-retry ${this.host}`,
        () => {
          if (epoch !== this.epoch) return;
          this.state.sched.spawn(`init-retry ${this.host}`, async () => {
            await this.#setupDriver(epoch);
            this.publishCapabilities();
          });
        },
        { daemon: true },
      );
    }
  }

  /** `_report_driver_status` + `_publish_service_capabilities` (fan-out to the scheduler). */
  publishCapabilities(): void {
    this.state.services.backupStates.set(this.host, {
      backend_state: this.isInitialized,
      driver_name: this.driverName,
      availability_zone: this.az,
    });
  }

  /** `_notify_about_backup_usage`. */
  notify(backup: BackupRow, event: string, flow: "backup" | "restore" | "delete" | "reset", step?: number): void {
    if (!this.state.trace.active) return;
    this.trace({
      flow,
      ...(step !== undefined ? { step } : {}),
      kind: "notify",
      event: { type: "notify", event, backupId: backup.id },
      detail: { backup_id: backup.id, status: backup.status },
    });
  }

  protected readonly handlers: RpcHandlers<BackupRpcApi> = {
    create_backup: (a, epoch) => createBackup(this, this.state, epoch, a.backup_id, a.carried),
    continue_backup: (a, epoch) => continueBackup(this, this.state, epoch, a.backup_id, a.device),
    restore_backup: (a, epoch) => restoreBackup(this, this.state, epoch, a.backup_id, a.volume_id, a.volume_is_new, a.carried),
    delete_backup: (a, epoch) => deleteBackup(this, this.state, epoch, a.backup_id, a.carried),
    export_record: (a) => exportRecord(this, this.state, a.backup_id),
    import_record: (a, epoch) => importRecord(this, this.state, epoch, a.backup_id, a.backup_service, a.backup_url, a.backup_hosts),
    reset_status: (a, epoch) => resetStatus(this, this.state, epoch, a.backup_id, a.status, a.carried),
    check_support_to_force_delete: () => this.driver.capabilities.forceDelete,
  };
}
