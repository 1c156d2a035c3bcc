import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRestHandler } from "../../sim/rest/handler.ts";
import { createFakeCloud, restClient } from "../../sim/rest/testing/index.ts";
import { startHarness, type Harness } from "./testing/harness.ts";

describe("cbh serve logs what happened, with the status it sent", () => {
  let h: Harness | undefined;
  afterEach(async () => h?.server.close());

  it("an upload the client aborts is one line, no stack trace, no 500", async () => {
    const lines: string[] = [];
    h = await startHarness({ log: (l) => lines.push(l) });
    const { port } = h.server;
    await new Promise<void>((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => {
        s.write(
          'POST /identity/v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"auth":',
        );
        setTimeout(() => s.destroy(), 100);
      });
      s.on("close", () => resolve());
      s.on("error", reject);
    });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lines).toEqual([
      "cbh serve: POST /identity/v3/auth/tokens: client closed the connection before its request body was complete; no answer sent",
    ]);
  });

  it("a cinder crash answered as 400 (safe mode) is reported as 400, and as 500 when faithful", async () => {
    for (const [mode, status] of [
      ["safe", 400],
      ["faithful", 500],
    ] as const) {
      const reports: Array<{ status: number; reason: string }> = [];
      const call = restClient(
        createRestHandler(createFakeCloud(), {
          cinderCrashes: mode,
          onInternalError: (r) => reports.push({ status: r.status, reason: r.reason }),
        }),
      );
      const r = await call("GET", "backups", { headers: { "OpenStack-API-Version": "volume" } });
      expect(r.status).toBe(status);
      expect(reports.map((x) => x.status)).toEqual([status]);
    }
  });
});
