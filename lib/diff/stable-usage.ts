/**
 * Usage once it stops moving. Cinder destroys the row before it commits the quota reservation
 * (volume/manager.py:VolumeManager.delete_volume: `volume.destroy()`, then notifications, then
 * `QUOTAS.commit`), so a volume already 404 can still count in `in_use` for a moment: read until
 * two reads a poll apart agree (at most 20). Found by cbh diff seeds 55, 87 and 159 (real Zed).
 */
export async function stableUsage(
  read: () => Promise<Record<string, number>>,
  keys: readonly string[],
  pollMs: number,
): Promise<Record<string, number>> {
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, pollMs));
    const now = await read();
    if (keys.every((k) => now[k] === last[k])) return now;
    last = now;
  }
  return last;
}
