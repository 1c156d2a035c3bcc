import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CloudClient } from "../openstack/index.ts";
import { CINDER, GLANCE, PROJECT, TEST_CLOUD, fakeCloud, type FakeCloudState } from "../openstack/fake-cloud.test-support.ts";
import { REMOTE_WORKFLOWS, Resources, missingNeeds, runRemoteWorkflow, type RemoteTarget } from "./index.ts";

const server = setupServer();
let state: FakeCloudState;
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  state = { tokensIssued: 0, catalogTypes: ["volumev3"], maxVersion: "3.70", minVersion: "3.0" };
  server.use(...fakeCloud(state));
});

async function target(): Promise<RemoteTarget> {
  return { name: "unit", runId: "cbh-test", member: await new CloudClient(TEST_CLOUD).connect(), pollMs: 1 };
}
const wf = (id: string) => REMOTE_WORKFLOWS.find((w) => w.id === id)!;

describe("remote workflows on a target that lacks what they need", () => {
  it("are N/A, with the reason, and send no request beyond login", async () => {
    const t = await target();
    let calls = 0;
    server.use(
      http.all(`${CINDER}/v3/${PROJECT}/*`, () => {
        calls++;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    expect(missingNeeds(wf("full-backup"), t)).toEqual(["data"]);
    expect(missingNeeds(wf("service-list"), t)).toEqual(["admin", "operator"]);
    const r = await runRemoteWorkflow(wf("incremental-backup"), t, 1);
    expect(r).toMatchObject({ verdict: "N/A", checks: 0, deviations: [] });
    expect(r.reason).toBe(
      "the target has no way to move bytes (Image API), no operator actions (the bundled cloud, or cbh serve with --admin-cloud)",
    );
    expect(calls).toBe(0);
  });

  it("a failing call makes the workflow FAIL with the cloud and the step, and cleanup still runs", async () => {
    state.catalogTypes = ["volumev3", "image"];
    const t = await target();
    server.use(
      http.post(`${GLANCE}/v2/images`, () => HttpResponse.json({ id: "img-1" }, { status: 201 })),
      http.put(`${GLANCE}/v2/images/img-1/file`, () => new HttpResponse(null, { status: 204 })),
      http.post(`${CINDER}/v3/${PROJECT}/volumes`, () =>
        HttpResponse.json(
          { overLimit: { code: 413, message: "VolumeLimitExceeded: Maximum number of volumes allowed (0) exceeded" } },
          { status: 413 },
        ),
      ),
    );
    const r = await runRemoteWorkflow(wf("full-backup"), t, 1);
    expect(r.verdict).toBe("FAIL");
    expect(r.reason).toBe(
      'cloud "unit": create volume vol-01: HTTP 413 VolumeLimitExceeded: Maximum number of volumes allowed (0) exceeded',
    );
  });
});

describe("cleanup", () => {
  it("deletes only what the run created, backups before volumes, and reports what it could not delete", async () => {
    const t = await target();
    const deleted: string[] = [];
    const gone = new Set<string>();
    server.use(
      http.get(`${CINDER}/v3/${PROJECT}/:kind/:id`, ({ params }) =>
        gone.has(String(params.id))
          ? HttpResponse.json({ itemNotFound: { code: 404, message: "gone" } }, { status: 404 })
          : HttpResponse.json({ [String(params.kind).slice(0, -1)]: { id: params.id, status: "available" } }),
      ),
      http.delete(`${CINDER}/v3/${PROJECT}/:kind/:id`, ({ params }) => {
        deleted.push(`${String(params.kind)}/${String(params.id)}`);
        if (params.id === "stuck")
          return HttpResponse.json({ badRequest: { code: 400, message: "Invalid volume: busy" } }, { status: 400 });
        gone.add(String(params.id));
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const res = new Resources(t);
    res.track("volumes", "v1");
    res.track("backups", "b1");
    res.track("volumes", "stuck");
    res.track("backups", "b2");
    const problems = await res.cleanup();
    expect(deleted).toEqual(["backups/b2", "backups/b1", "volumes/stuck", "volumes/v1"]);
    expect(problems).toEqual(["volumes stuck: HTTP 400 Invalid volume: busy"]);
    expect(res.name("vol")).toBe("cbh-test-vol");
  });
});
