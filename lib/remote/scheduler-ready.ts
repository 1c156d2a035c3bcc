import { CloudError, type CloudClient } from "../openstack/index.ts";

/**
 * Waits until cinder-scheduler knows a backend pool (`GET /scheduler-stats/get_pools`, admin):
 * a freshly started cloud answers the API before cinder-volume's first capability report reaches
 * the scheduler, and a volume created then fails with "No valid backend was found".
 */
export async function waitForSchedulerPools(admin: CloudClient, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.call("volume", "GET", "/scheduler-stats/get_pools", { step: "scheduler pools" });
    const pools = (res.body as { pools?: unknown[] } | undefined)?.pools ?? [];
    if (res.status === 200 && pools.length > 0) return;
    // a cloud without the scheduler-stats extension (cbh serve) has no pool cache to wait for
    if (res.status === 404) return;
    if (Date.now() > deadline)
      throw new CloudError(
        "timeout",
        admin.cloud.name,
        `the scheduler reported no backend pool within ${timeoutMs / 1000} s (HTTP ${res.status})`,
      );
    await new Promise((r) => setTimeout(r, 2000));
  }
}
