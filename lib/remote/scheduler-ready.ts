import { CloudError, type CloudClient } from "../openstack/index.ts";

/**
 * Waits until cinder-scheduler knows a pool for every cinder-volume backend that is up and enabled
 * (`GET /scheduler-stats/get_pools` against `os-services?binary=cinder-volume`, admin): a freshly
 * started cloud answers the API before each backend's first capability report reaches the
 * scheduler, and a volume created for that backend's AZ then fails with "No valid backend was found".
 */
export async function waitForSchedulerPools(admin: CloudClient, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.call("volume", "GET", "/scheduler-stats/get_pools", { step: "scheduler pools" });
    const pools = (res.body as { pools?: unknown[] } | undefined)?.pools ?? [];
    const svc = await admin.call("volume", "GET", "/os-services?binary=cinder-volume", { step: "scheduler pools" });
    const services = (svc.body as { services?: Array<{ state?: string; status?: string }> } | undefined)?.services ?? [];
    const backends = services.filter((x) => x.state === "up" && x.status === "enabled").length;
    if (res.status === 200 && pools.length > 0 && pools.length >= backends) return;
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
