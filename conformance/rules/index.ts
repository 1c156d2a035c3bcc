/** Every conformance rule, grouped by area, in run order. One MUST rule per file. */
import type { Rule } from "./rule.ts";
import oneByte from "./round-trip/one-byte.ts";
import oneBlock from "./round-trip/one-block.ts";
import blockMinusOne from "./round-trip/block-minus-one.ts";
import blockPlusOne from "./round-trip/block-plus-one.ts";
import objectMinusOne from "./round-trip/object-boundary-minus-one.ts";
import objectPlusOne from "./round-trip/object-boundary-plus-one.ts";
import multiObject from "./round-trip/multi-object.ts";
import manyObjects from "./round-trip/many-objects.ts";
import sparsePast4Gib from "./round-trip/sparse-past-4gib.ts";
import incompressible from "./round-trip/incompressible.ts";
import compressible from "./round-trip/compressible.ts";
import allZero from "./round-trip/all-zero-onto-existing.ts";
import zeroRegions from "./round-trip/zero-regions-onto-existing.ts";
import sparseNew from "./round-trip/sparse-to-new-volume.ts";
import durable from "./round-trip/restore-is-durable.ts";
import everyCompression from "./round-trip/every-declared-compression.ts";
import sparseAware from "./round-trip/sparse-aware-skips-zero-blocks.ts";
import largerTarget from "./restore/larger-target-keeps-tail.ts";
import missingParent from "./restore/missing-parent-fails.ts";
import missingObject from "./restore/missing-object-fails.ts";
import chain from "./incremental/chain-restores-every-point.ts";
import onlyChanged from "./incremental/stores-only-changed-blocks.ts";
import unchanged from "./incremental/unchanged-volume-stores-no-data.ts";
import afterDeleteLast from "./incremental/new-incremental-after-deleting-last.ts";
import deleteAll from "./delete/every-backup-leaves-no-object.ts";
import deleteMissing from "./delete/tolerates-missing-objects.ts";
import deleteChild from "./delete/child-leaves-parent-restorable.ts";
import deleteTwice from "./delete/delete-is-idempotent.ts";
import cancelBackup from "./cancel/backup-force-delete-leaves-no-partial-backup.ts";
import cancelRestore from "./cancel/restore-reset-status-cancels.ts";
import exportImport from "./export-import/record-round-trip-then-restore.ts";
import volumeMeta from "./metadata/volume-metadata-round-trips.ts";
import parallel from "./concurrency/parallel-backups-never-mix-data.ts";
import md5 from "./format/metadata-md5-matches-data.ts";
import sha256file from "./format/sha256file-matches-volume.ts";
import cloudForceDelete from "./cloud/force-delete-during-backup.ts";
import cloudRestoreCancel from "./cloud/restore-cancel-statuses.ts";
import cloudRestartBackup from "./cloud/restart-during-backup.ts";
import cloudRestartRestore from "./cloud/restart-during-restore.ts";
import cloudDbLoss from "./cloud/db-loss-import-every-record.ts";
import cloudWorkers from "./cloud/backup-workers-never-mix-data.ts";
import cloudMeta from "./cloud/volume-metadata-round-trips.ts";
import cloudChainDelete from "./cloud/chain-delete-order.ts";
import modelRun from "./model/random-operation-sequences.ts";
import setupError from "./setup/check-for-setup-error.ts";
import faultsBackup from "./faults/transient-backup-completes-or-fails-cleanly.ts";
import faultsRestore from "./faults/restore-never-wrong-bytes.ts";
import faultsDelete from "./faults/delete-after-failed-backup-leaves-nothing.ts";
import freshInstance from "./setup/fresh-instance-restores.ts";

export const driverRules: readonly Rule[] = [
  setupError,
  freshInstance,
  oneByte,
  oneBlock,
  blockMinusOne,
  blockPlusOne,
  objectMinusOne,
  objectPlusOne,
  multiObject,
  manyObjects,
  sparsePast4Gib,
  incompressible,
  compressible,
  everyCompression,
  allZero,
  zeroRegions,
  sparseNew,
  sparseAware,
  durable,
  largerTarget,
  missingParent,
  missingObject,
  chain,
  onlyChanged,
  unchanged,
  afterDeleteLast,
  deleteAll,
  deleteMissing,
  deleteChild,
  deleteTwice,
  cancelBackup,
  cancelRestore,
  exportImport,
  volumeMeta,
  parallel,
  md5,
  sha256file,
];

/** Rules that run the driver inside the simulated cloud's backup manager. */
export const cloudRules: readonly Rule[] = [
  cloudForceDelete,
  cloudRestoreCancel,
  cloudRestartBackup,
  cloudRestartRestore,
  cloudDbLoss,
  cloudWorkers,
  cloudMeta,
  cloudChainDelete,
];

/** Rules that put the fault proxy between the driver and its store (Swift, S3 and GCS protocol drivers). */
export const faultRules: readonly Rule[] = [faultsBackup, faultsRestore, faultsDelete];

/** fast-check model-based runs: the driver under test against the reference driver, in two clouds. */
export const modelRules: readonly Rule[] = [modelRun];

export const allRules: readonly Rule[] = [...driverRules, ...faultRules, ...cloudRules, ...modelRules];

export { defineRule, type Rule, type RuleContext, type CapabilityRequirement, type SetupRequirement } from "./rule.ts";
export { RuleViolation, isRuleViolation, expectEqual, expectTrue } from "./rule-violation.ts";
