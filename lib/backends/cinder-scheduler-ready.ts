/**
 * The bundled cloud is ready for volumes only once cinder-scheduler knows a backend: os-services
 * shows cinder-volume `up` (the image's ready line) a few seconds before the scheduler has its
 * first capability report (volume/manager.py:_report_driver_status → publish_service_capabilities;
 * until then scheduler/host_manager.py has no backend_state and every create ends in `error`,
 * "No valid backend was found"). Polls `GET /scheduler-stats/get_pools` as admin
 * (api/contrib/scheduler_stats.py) until it lists a pool for every cinder-volume service that is up
 * and enabled (`os-services`: one per backend, `host@backend`; the image has two, in AZs `nova`
 * and `site2`, and each reports on its own: ready at the first pool, volumes in the other AZ ended
 * in `error`). Plain fetch: lib/openstack is a layer above this one.
 */
export async function waitForSchedulerPools(
  authUrl: string,
  cinderUrl: string,
  admin: { username: string; password: string; projectName: string },
  timeoutMs = 300_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  const auth = await fetch(`${authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: admin.username, domain: { name: "Default" }, password: admin.password } },
        },
        scope: { project: { name: admin.projectName, domain: { name: "Default" } } },
      },
    }),
  });
  const token = auth.headers.get("x-subject-token");
  const project = ((await auth.json()) as { token?: { project?: { id?: string } } }).token?.project?.id;
  if (!auth.ok || !token || !project) throw new Error(`bundled cloud: admin login for the scheduler check failed (HTTP ${auth.status})`);
  for (;;) {
    const res = await fetch(`${cinderUrl}/v3/${project}/scheduler-stats/get_pools`, { headers: { "x-auth-token": token } });
    const pools = res.ok ? (((await res.json()) as { pools?: unknown[] }).pools ?? []) : [];
    const svc = await fetch(`${cinderUrl}/v3/${project}/os-services?binary=cinder-volume`, { headers: { "x-auth-token": token } });
    const services = svc.ok ? (((await svc.json()) as { services?: Array<{ state?: string; status?: string }> }).services ?? []) : [];
    const backends = services.filter((x) => x.state === "up" && x.status === "enabled").length;
    if (pools.length > 0 && pools.length >= backends) return pools.length;
    if (Date.now() > deadline)
      throw new Error(`bundled cloud: cinder-scheduler knew no backend after ${timeoutMs / 1000} s (get_pools: HTTP ${res.status})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
