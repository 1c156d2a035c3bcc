import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CloudClient } from "./cloud-client.ts";
import { CloudError } from "./errors.ts";
import { CINDER, PROJECT, TEST_CLOUD, fakeCloud, type FakeCloudState } from "./fake-cloud.test-support.ts";

let state: FakeCloudState;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
beforeEach(() => {
  state = { tokensIssued: 0, catalogTypes: ["volumev3", "image"], maxVersion: "3.70", minVersion: "3.0" };
  server.use(...fakeCloud(state));
});

const VOLS = `${CINDER}/v3/${PROJECT}/volumes`;
const noSleep = (slept: number[]) => async (ms: number) => {
  slept.push(ms);
};

async function failure(p: Promise<unknown>): Promise<CloudError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CloudError);
  return err as CloudError;
}

describe("CloudClient against an in-process cloud (msw)", () => {
  it("negotiates the microversion: keeps what the caller wants, lowers it to the server's maximum", async () => {
    expect((await new CloudClient(TEST_CLOUD, { microversion: "3.64" }).connect()).microversion).toBe("3.64");
    expect((await new CloudClient(TEST_CLOUD, { microversion: "3.80" }).connect()).microversion).toBe("3.70");
    expect((await new CloudClient(TEST_CLOUD).connect()).microversion).toBe("3.70");
  });

  it("sends the negotiated microversion and the token on every Block Storage call", async () => {
    let seen: Record<string, string | null> = {};
    server.use(
      http.get(VOLS, ({ request }) => {
        seen = { version: request.headers.get("openstack-api-version"), token: request.headers.get("x-auth-token") };
        return HttpResponse.json({ volumes: [] });
      }),
    );
    const c = await new CloudClient(TEST_CLOUD, { microversion: "3.55" }).connect();
    expect((await c.call("volume", "GET", "/volumes")).status).toBe(200);
    expect(seen).toEqual({ version: "volume 3.55", token: "tok-1" });
  });

  it("fails with a version error when the server's minimum is above the wanted microversion", async () => {
    state.minVersion = "3.50";
    const err = await failure(new CloudClient(TEST_CLOUD, { microversion: "3.40" }).connect());
    expect(err.code).toBe("version");
    expect(err.message).toContain('cloud "unit"');
  });

  it("re-authenticates once on 401 and replays the request with the new token", async () => {
    const tokens: (string | null)[] = [];
    server.use(
      http.get(VOLS, ({ request }) => {
        tokens.push(request.headers.get("x-auth-token"));
        return tokens.length === 1 ? new HttpResponse(null, { status: 401 }) : HttpResponse.json({ volumes: [{ id: "v" }] });
      }),
    );
    const c = await new CloudClient(TEST_CLOUD).connect();
    const res = await c.call("volume", "GET", "/volumes");
    expect(res.status).toBe(200);
    expect(tokens).toEqual(["tok-1", "tok-2"]);
    expect(state.tokensIssued).toBe(2);
  });

  it("returns a second 401 instead of looping on re-authentication", async () => {
    server.use(http.get(VOLS, () => new HttpResponse(null, { status: 401 })));
    const c = await new CloudClient(TEST_CLOUD).connect();
    expect((await c.call("volume", "GET", "/volumes")).status).toBe(401);
    expect(state.tokensIssued).toBe(2);
  });

  it("retries 503 and 429, honouring Retry-After, then answers", async () => {
    let n = 0;
    server.use(
      http.get(VOLS, () => {
        n++;
        if (n === 1) return new HttpResponse(null, { status: 503 });
        if (n === 2) return new HttpResponse(null, { status: 429, headers: { "retry-after": "2" } });
        return HttpResponse.json({ volumes: [] });
      }),
    );
    const slept: number[] = [];
    const c = await new CloudClient(TEST_CLOUD, { sleep: noSleep(slept) }).connect();
    expect((await c.call("volume", "GET", "/volumes")).status).toBe(200);
    expect(slept).toEqual([250, 2000]);
  });

  it("gives up after the configured retries and returns the last 503", async () => {
    let n = 0;
    server.use(
      http.get(VOLS, () => {
        n++;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const slept: number[] = [];
    const c = await new CloudClient(TEST_CLOUD, { retries: 2, sleep: noSleep(slept) }).connect();
    expect((await c.call("volume", "GET", "/volumes")).status).toBe(503);
    expect(n).toBe(3);
    expect(slept).toHaveLength(2);
  });

  it("follows marker pagination through volumes_links until the last page", async () => {
    const all = ["a", "b", "c", "d", "e"].map((id) => ({ id }));
    const markers: (string | null)[] = [];
    server.use(
      http.get(`${VOLS}/detail`, ({ request }) => {
        const url = new URL(request.url);
        const marker = url.searchParams.get("marker");
        markers.push(marker);
        const start = marker ? all.findIndex((v) => v.id === marker) + 1 : 0;
        const page = all.slice(start, start + 2);
        const links = start + 2 < all.length ? [{ rel: "next", href: `${VOLS}/detail?limit=2&marker=${page[page.length - 1]?.id}` }] : [];
        return HttpResponse.json({ volumes: page, volumes_links: links });
      }),
    );
    const c = await new CloudClient(TEST_CLOUD).connect();
    const ids = (await c.listAll<{ id: string }>("volume", "/volumes/detail?limit=2", "volumes")).map((v) => v.id);
    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    expect(markers).toEqual([null, "b", "d"]);
  });

  it("names the cloud and the missing service when the catalog lacks Block Storage", async () => {
    state.catalogTypes = ["image"];
    const err = await failure(new CloudClient(TEST_CLOUD).connect());
    expect(err.code).toBe("catalog");
    expect(err.message).toMatch(/cloud "unit": the catalog has no public endpoint of type block-storage or volumev3 .*it has: image/);
  });

  it("knows whether the catalog has the Image API", async () => {
    const c = await new CloudClient(TEST_CLOUD).connect();
    expect(c.has("image")).toBe(true);
    state.catalogTypes = ["volumev3"];
    expect((await new CloudClient(TEST_CLOUD).connect()).has("image")).toBe(false);
  });

  it("reports wrong credentials as an auth error naming the user", async () => {
    const err = await failure(new CloudClient({ ...TEST_CLOUD, password: "wrong" }).connect());
    expect(err.code).toBe("auth");
    expect(err.message).toContain("refused the credentials of user demo (401)");
  });

  it("reports an unreachable cloud with the step that failed", async () => {
    server.use(http.post(`${TEST_CLOUD.authUrl}/auth/tokens`, () => HttpResponse.error()));
    const err = await failure(new CloudClient(TEST_CLOUD).connect());
    expect(err.code).toBe("unreachable");
    expect(err.message).toContain("keystone auth: POST http://keystone.test:5000/v3/auth/tokens failed");
  });
});
