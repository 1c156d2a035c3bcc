export { createFakeCloud } from "./fake-cloud.ts";
export type { FakeCloud } from "./fake-cloud.ts";
export { restClient, ADMIN, DEMO, BASE } from "./rest-client.ts";
export type { CallOptions } from "./rest-client.ts";
