import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { deviceBytes } from "./volume-lifecycle.ts";
import type { VolumeService } from "./volume-service.ts";

/**
 * `VolumeManager.extend_volume`: the driver grows the device (data kept), then size and status
 * (back to `previous_status`: `available`, or `in-use` for an attached extend) are saved.
 */
export async function extendVolumeOnHost(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  volumeId: string,
  newSize: number,
): Promise<void> {
  const v = state.db.volume(volumeId);
  if (!v || v.status !== "extending") return;
  await svc.sleep(epoch, 1);
  const dev = state.devices.get(v.id);
  if (dev) state.devices.set(v.id, dev.cloneAs(v.id, deviceBytes(state, newSize)));
  const status = (v.previous_status === "in-use" ? "in-use" : "available") as VolumeRow["status"];
  state.db.update(v, { size: newSize, status });
  svc.trace({
    flow: "volume",
    kind: "state",
    event: { type: "note", text: `volume ${v.id} extended to ${newSize} GB`, subjects: [v.id] },
    detail: { volume_id: v.id, size: newSize },
  });
}
