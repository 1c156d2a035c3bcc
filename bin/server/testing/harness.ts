import { startCbhServer, type CbhServerOptions, type RunningServer } from "../cbh-server.ts";
import type { RouteRequest, RouteResponse } from "../http-types.ts";
import { fakeCloud } from "./fake-cloud.ts";
import type { ServedCloud } from "../served-cloud.ts";

export type FakeCloud = ReturnType<typeof fakeCloud>;

export interface Harness<C extends ServedCloud = FakeCloud> {
  server: RunningServer;
  cloud: C;
  seen: RouteRequest[];
  token(user: "admin" | "demo", project?: string): Promise<string>;
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }>;
}

/** Starts a server over the fake cloud; the volume handler records requests and echoes the auth. */
export async function startHarness(
  opts: Partial<CbhServerOptions> = {},
  volume?: (req: RouteRequest) => Promise<RouteResponse>,
): Promise<Harness> {
  return startHarnessOver(fakeCloud(), opts, volume);
}

/** The same harness over a given cloud (the real simulated cloud in the REST-level tests). */
export async function startHarnessOver<C extends ServedCloud>(
  cloud: C,
  opts: Partial<CbhServerOptions> = {},
  volume?: (req: RouteRequest) => Promise<RouteResponse>,
): Promise<Harness<C>> {
  const seen: RouteRequest[] = [];
  const server = await startCbhServer({
    cloud,
    port: 0,
    volume:
      volume ??
      (async (req) => {
        seen.push(req);
        return { status: 200, headers: { "Content-Type": "application/json" }, body: { path: req.path, auth: req.auth } };
      }),
    log: () => undefined,
    ...opts,
  });
  const call: Harness<C>["call"] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers["X-Auth-Token"] = o.token;
    const res = await fetch(`${server.url}${path}`, { method, headers, ...(o.body !== undefined ? { body: o.body } : {}) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
  };
  const token: Harness<C>["token"] = async (user, project = user) => {
    const r = await call("POST", "/identity/v3/auth/tokens", {
      body: JSON.stringify({
        auth: {
          identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password: user } } },
          scope: { project: { name: project, domain: { id: "default" } } },
        },
      }),
      headers: { "Content-Type": "application/json" },
    });
    const t = r.headers.get("x-subject-token");
    if (r.status !== 201 || !t) throw new Error(`token for ${user}: ${r.status} ${r.text}`);
    return t;
  };
  return { server, cloud, seen, token, call };
}
