import { http, HttpResponse } from "msw";
import type { CloudConfig } from "./cloud-config.ts";

/** An in-process cloud for msw: Keystone at keystone.test, cinder at cinder.test. */
export const KEYSTONE = "http://keystone.test:5000/v3";
export const CINDER = "http://cinder.test:8776";
export const PROJECT = "p-1";
export const GLANCE = "http://glance.test:9292";

export const TEST_CLOUD: CloudConfig = {
  name: "unit",
  authUrl: KEYSTONE,
  username: "demo",
  password: "secret",
  projectName: "demo",
  userDomainName: "Default",
  projectDomainName: "Default",
  interface: "public",
};

export interface FakeCloudState {
  tokensIssued: number;
  catalogTypes: string[];
  maxVersion: string;
  minVersion: string;
}

export function fakeCloud(state: FakeCloudState) {
  return [
    http.post(`${KEYSTONE}/auth/tokens`, async ({ request }) => {
      const body = (await request.json()) as { auth: { identity: { password: { user: { password: string } } } } };
      if (body.auth.identity.password.user.password !== "secret") {
        return HttpResponse.json({ error: { code: 401, message: "The request you have made requires authentication." } }, { status: 401 });
      }
      state.tokensIssued++;
      const catalog = state.catalogTypes.map((type) => ({
        type,
        endpoints: [{ interface: "public", region_id: "RegionOne", url: type === "image" ? GLANCE : `${CINDER}/v3/${PROJECT}` }],
      }));
      return HttpResponse.json(
        { token: { project: { id: PROJECT }, catalog } },
        { status: 201, headers: { "x-subject-token": `tok-${state.tokensIssued}` } },
      );
    }),
    http.get(`${CINDER}/`, () =>
      HttpResponse.json({ versions: [{ id: "v3.0", status: "CURRENT", version: state.maxVersion, min_version: state.minVersion }] }),
    ),
  ];
}
