/**
 * `npm run bench:serve`: HTTP throughput of `cbh serve` in-process (keep-alive fetch, one client):
 * token issues, backup list calls, and full backup+restore cycles through the REST API (each
 * request settles virtual time). Prints JSON. Not a timed test.
 */
import { startRealServer } from "./testing/real-cloud.ts";

async function rate(n: number, fn: (i: number) => Promise<void>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return Math.round((n / (performance.now() - t0)) * 1000 * 10) / 10;
}

const h = await startRealServer(1);
try {
  const demo = await h.token("demo");
  const p = h.cloud.context("demo").projectId;
  const json = { "Content-Type": "application/json", "OpenStack-API-Version": "volume 3.60" };
  const post = async (path: string, body: unknown) => {
    const r = await h.call("POST", `/volume/v3/${p}${path}`, { token: demo, body: JSON.stringify(body), headers: json });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.text}`);
    return r.json() as Record<string, Record<string, string>>;
  };
  const vol = (await post("/volumes", { volume: { size: 1, name: "bench" } }))["volume"]?.["id"] as string;
  const tokensPerSec = await rate(200, async () => void (await h.token("demo")));
  const listPerSec = await rate(
    500,
    async () => void (await h.call("GET", `/volume/v3/${p}/backups/detail`, { token: demo, headers: json })),
  );
  const cyclesPerSec = await rate(20, async (i) => {
    const b = (await post("/backups", { backup: { volume_id: vol, name: `b${i}` } }))["backup"]?.["id"] as string;
    await post(`/backups/${b}/restore`, { restore: { volume_id: vol } });
    const d = await h.call("DELETE", `/volume/v3/${p}/backups/${b}`, { token: demo, headers: json });
    if (d.status !== 202) throw new Error(`delete: ${d.status} ${d.text}`);
  });
  process.stdout.write(
    `${JSON.stringify({ tokensPerSec, listPerSec, backupRestoreDeleteCyclesPerSec: cyclesPerSec, internalErrors: h.internalErrors.length })}\n`,
  );
} finally {
  await h.server.close();
}
