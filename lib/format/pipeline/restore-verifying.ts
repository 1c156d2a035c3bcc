import type { ObjectStore } from "../../stores/contract/index.ts";
import type { FormatLimits } from "../limits.ts";
import type { VolumeFile } from "../volume-file.ts";
import { verifyBackup, type VerifyReport } from "../verify.ts";

/**
 * `restore` (full backup first, then each incremental, objects in `_metadata` order, flushed after
 * each as `_restore_v1` does with `os.fsync`) in the same pass as `verifyBackup`: each object is
 * written while its md5 and sha256 are checked, instead of a verify pass followed by a restore pass.
 * Cinder itself does not verify. The report has verify's problem codes; when it is not valid the
 * caller must discard `volumeFile` (it holds what was read, damaged objects included, unreadable
 * ones left as they were).
 */
export async function restoreVerifying(
  store: ObjectStore,
  backupId: string,
  volumeFile: VolumeFile,
  limits?: FormatLimits,
): Promise<VerifyReport> {
  return verifyBackup(store, backupId, {
    limits,
    sink: (_id, entry, data, at) => volumeFile.write(entry.offset + at, data),
    afterObject: () => volumeFile.flush(),
  });
}
