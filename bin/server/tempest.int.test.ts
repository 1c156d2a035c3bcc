import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServeProcess, type ServeProcess } from "./testing/client-runner.ts";
import { tempestConf } from "./tempest/tempest-conf.ts";
import { parseTempestOutput, type TempestSummary } from "./tempest/tempest-results.ts";

const run = promisify(execFile);

/** Tempest's and cinder-tempest-plugin's backup tests that pass against a Zed cloud without Nova or Glance. */
const MUST_PASS = [
  "tempest.api.volume.test_volumes_backup.VolumesBackupsTest.test_volume_backup_create_get_detailed_list_restore_delete",
  "tempest.api.volume.test_volumes_backup.VolumesBackupsV39Test.test_update_backup",
  "tempest.api.volume.admin.test_volumes_backup.VolumesBackupsAdminTest.test_volume_backup_export_import",
  "tempest.api.volume.admin.test_volumes_backup.VolumesBackupsAdminTest.test_volume_backup_reset_status",
  "tempest.api.volume.test_volumes_snapshots.VolumesSnapshotTestJSON.test_snapshot_backup",
  "cinder_tempest_plugin.api.volume.test_volume_backup.VolumesBackupsTest.test_volume_snapshot_backup",
  "cinder_tempest_plugin.api.volume.test_volume_backup.VolumesBackupsTest.test_backup_create_and_restore_to_an_existing_volume",
  "cinder_tempest_plugin.api.volume.test_volume_backup.VolumesBackupsTest.test_incr_backup_create_and_restore_to_an_existing_volume",
  "cinder_tempest_plugin.api.volume.admin.test_volume_backup.VolumesBackupsTest.test_backup_crossproject_admin_negative",
  "cinder_tempest_plugin.api.volume.admin.test_volume_backup.VolumesBackupsTest.test_backup_crossproject_user_negative",
  "cinder_tempest_plugin.api.volume.admin.test_volume_backup.VolumesBackupsTest.test_incremental_backup_respective_parents",
  "cinder_tempest_plugin.api.volume.test_multiple_volume_from_resource.CreateVolumesFromBackupTest.test_create_multiple_volume_from_backup",
];

/**
 * cinder-tempest-plugin's `test_incremental_backup` creates a volume from a Glance image and boots
 * a Nova server, with no skip guard: it errors against any cloud without both (docs/tempest.md).
 */
const NEEDS_IMAGE_AND_SERVER =
  "cinder_tempest_plugin\\.api\\.volume\\.test_volume_backup\\.VolumesBackupsTest\\.test_incremental_backup\\b";

describe("tempest 33.0.0 + cinder-tempest-plugin 1.7.2 volume-backup tests against cbh serve (dynamic credentials)", () => {
  let serve: ServeProcess;
  let summary: TempestSummary;
  let output = "";
  let seconds = 0;

  beforeAll(async () => {
    serve = await startServeProcess(["--seed", "3"]);
    const ws = mkdtempSync(join(tmpdir(), "cbh-tempest-"));
    // A private workspace registry: nothing is added to ~/.tempest.
    await run("tempest", ["init", "--workspace-path", join(ws, "workspace.yaml"), "--name", "cbh-serve", join(ws, "ws")]);
    writeFileSync(
      join(ws, "ws", "etc", "tempest.conf"),
      tempestConf({ authUrl: `${serve.url}/identity/v3`, logFile: join(ws, "tempest.log") }),
    );
    const started = Date.now();
    const args = ["run", "--regex", "(volume.*backup|backup)", "--exclude-regex", NEEDS_IMAGE_AND_SERVER, "--concurrency", "2"];
    try {
      output = (await run("tempest", args, { cwd: join(ws, "ws"), timeout: 600_000, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (e) {
      // tempest exits 1 when a test fails; its output is still what we judge.
      output = (e as { stdout?: string }).stdout ?? String(e);
    }
    seconds = (Date.now() - started) / 1000;
    summary = parseTempestOutput(output);
    process.stderr.write(
      `tempest: ran ${summary.ran}, passed ${summary.passed}, skipped ${summary.skipped}, failed ${summary.failed} in ${seconds.toFixed(0)} s\n`,
    );
  });

  afterAll(async () => {
    expect(await serve?.stop()).toBe(0);
  });

  it("has no failure, and every test that passes on a Zed cloud without Nova and Glance passes", () => {
    expect(summary.failed, output).toBe(0);
    const passed = summary.outcomes.filter((o) => o.status === "ok").map((o) => o.id.replace(/\[.*$/, ""));
    for (const id of MUST_PASS) expect(passed, output).toContain(id);
    expect(summary.passed).toBeGreaterThanOrEqual(MUST_PASS.length);
  });

  it("skips only what needs Nova or Glance, saying so", () => {
    const skipped = summary.outcomes.filter((o) => o.status === "SKIPPED");
    expect(skipped.length).toBe(summary.skipped);
    for (const s of skipped)
      expect(s.reason, s.id).toMatch(/Nova is not available|compute service is not available|image service is not available/);
  });

  it("left no server-side errors in cbh serve's log", () => {
    expect(serve.output()).not.toMatch(/cbh serve: 500 for|cbh serve: .*Error/);
  });
});
