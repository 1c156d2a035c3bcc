export { CephAccessError, cephCliFor, type CephAccessOptions } from "./ceph-access.ts";
export { discoverRbdBackups, listMetadataIds } from "./discover-rbd-backups.ts";
export { HostCephCli } from "./host-ceph-cli.ts";
export { METADATA_READ_LIMIT, readBackupMetadata, type MetadataRead } from "./read-backup-metadata.ts";
export { RbdRestoreSizeError, restoreRbdBackup } from "./restore-rbd-backup.ts";
export { verifyRbdBackups, type RbdProblem, type RbdProblemCode, type RbdVerifyReport } from "./verify-rbd-backups.ts";
export { CephCommandError, DockerExecCephCli, runCeph, type CephCli, type CephProcess } from "./ceph-cli.ts";
export { RbdStore } from "./rbd-store.ts";
