import type { RemoteWorkflow } from "./remote-workflow.ts";
import { seededBytes } from "./volume-data.ts";

/** sim/workflows restoreExisting over REST (guide §3.5.1): size rules of `--volume`. */
export const restoreExisting: RemoteWorkflow = {
  id: "restore-existing",
  title: "Restore into an existing volume: larger is fine, smaller is refused",
  needs: ["data"],
  async run(w) {
    const vol = await w.data.volumeWith("src", 2, seededBytes(w.seed, 1024 * 1024));
    const b = await w.backup("bkp", vol);
    const small = await w.data.volumeWith("small", 1, new Uint8Array(0));
    await w.expectError(
      "target smaller than the backup → 400",
      "POST",
      `/backups/${b}/restore`,
      { restore: { volume_id: small } },
      400,
      "Invalid volume: volume size 1 is too small to restore backup of size 2.",
    );
    const big = await w.data.volumeWith("target", 3, new Uint8Array(0));
    const r = await w.restore(b, { volume_id: big, name: "ignored" });
    w.expect("target is available", r.status, "available");
    w.expect("answer names the target", r.volume_id, big);
    w.expect("name given with --volume is ignored", (await w.res.get("volumes", big))?.name, w.res.name("target"));
  },
};
