import { describe, expect, it } from "vitest";
import { parseTempestOutput } from "./tempest-results.ts";
import { tempestConf } from "./tempest-conf.ts";

const SAMPLE = `{1} tempest.api.volume.test_volumes_backup.VolumesBackupsV39Test.test_update_backup [0.374667s] ... ok
{0} setUpClass (tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON) ... SKIPPED: Nova is not available
{1} cinder_tempest_plugin.api.volume.test_volume_backup.VolumesBackupsTest.test_incremental_backup [0.000707s] ... FAILED

======
Totals
======
Ran: 3 tests in 3.3509 sec.
 - Passed: 1
 - Skipped: 1
 - Expected Fail: 0
 - Unexpected Success: 0
 - Failed: 1
`;

describe("tempest against cbh serve: helpers", () => {
  it("parses tempest run's per-test lines and totals", () => {
    const s = parseTempestOutput(SAMPLE);
    expect(s).toMatchObject({ ran: 3, passed: 1, skipped: 1, failed: 1 });
    expect(s.outcomes.map((o) => o.status)).toEqual(["ok", "SKIPPED", "FAILED"]);
    expect(s.outcomes[1]).toMatchObject({
      id: "setUpClass (tempest.api.compute.servers.test_server_actions.ServerActionsTestJSON)",
      reason: "Nova is not available",
    });
  });

  it("refuses output without totals (a crashed run is never a pass)", () => {
    expect(() => parseTempestOutput("{0} x ... ok\n")).toThrow(/no 'Ran:' line/);
  });

  it("writes a tempest.conf with dynamic credentials against the given auth URL", () => {
    const conf = tempestConf({ authUrl: "http://127.0.0.1:9/identity/v3" });
    expect(conf).toContain("use_dynamic_credentials = true");
    expect(conf).toContain("uri_v3 = http://127.0.0.1:9/identity/v3");
    expect(conf).toMatch(/\[service_available\]\ncinder = true\nnova = false\nglance = false/);
  });
});
