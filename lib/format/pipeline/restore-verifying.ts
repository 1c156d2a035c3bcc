import type { ObjectStore } from "../../stores/contract/index.ts";
import type { FormatLimits } from "../limits.ts";
import type { VolumeFile } from "../volume-file.ts";
import { verifyBackup, type VerifyReport } from "../verify.ts";

const WRITE_PIECE = 64 * 1024 * 1024;

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
    sink: async (_id, entry, data, filled) => {
      // A stepped read (a large uncompressed posix object) is written as it lands, in 64 MiB writes.
      if (filled) {
        for (let off = 0; off < data.length; off += WRITE_PIECE) {
          const end = Math.min(data.length, off + WRITE_PIECE);
          await filled(end);
          await volumeFile.write(entry.offset + off, data.subarray(off, end));
        }
      } else await volumeFile.write(entry.offset, data);
      await volumeFile.flush();
    },
  });
}
