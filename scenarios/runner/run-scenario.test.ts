import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadScenario, parseScenario } from "../format/index.ts";
import { eventSubjects } from "../../sim/core/trace-event.ts";
import { failing, runScenario } from "./index.ts";

/** Lost continue_backup (the backup stays creating); `extra` appends keys to the scenario. */
const lost = (extra: string) => `name: lost
description: continue_backup is lost
workload:
  - volume: { as: v1, size: 1, az: az1 }
  - backup: { as: b1, volume: v1 }
  - advance: [1s, 90s]
faults:
  - at: { step: 1 }
    drop: { method: continue_backup }
${extra}`;

/** These runs use small geometry (fast); `real-geometry.test.ts` covers the default. */
const SMALL = { geometry: "small" } as const;

const RESTARTED = "recovery:\n  restart: [cinder-backup@site1]\n";

describe("chaos runner", () => {
  it("same file, seed and release ⇒ same trace hash; another seed draws other timings", async () => {
    const s = await loadScenario("scenarios/library/stale-backup-service-state.yaml");
    const a = await runScenario(s, 7, "zed", SMALL);
    const b = await runScenario(s, 7, "zed", SMALL);
    const c = await runScenario(s, 8, "zed", SMALL);
    expect(a.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.trace.length).toBe(a.trace.length);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it("runs overlapping in one thread (the second one's bytes not from the thread's arena) give the results of runs one by one", async () => {
    const s = await loadScenario("scenarios/library/backup-crash-mid-restore.yaml");
    const one = await runScenario(s, 4, "zed", SMALL);
    const two = await runScenario(s, 5, "master", SMALL);
    const [a, b] = await Promise.all([runScenario(s, 4, "zed", SMALL), runScenario(s, 5, "master", SMALL)]);
    expect([a.traceHash, a.verdict, b.traceHash, b.verdict]).toEqual([one.traceHash, one.verdict, two.traceHash, two.verdict]);
    expect(await runScenario(s, 4, "zed", SMALL)).toMatchObject({ traceHash: one.traceHash, statuses: one.statuses });
  });

  it("a deliberately broken expectation is an unexpected-status finding with the replay command", async () => {
    const s = parseScenario(lost(`${RESTARTED}expect:\n  b1: available\n`), "scenarios/broken.yaml");
    const r = await runScenario(s, 3, "zed", SMALL);
    expect(r.verdict).toBe("FAIL");
    expect(r.replay).toBe("npx cbh chaos run scenarios/broken.yaml --seed 3 --release zed --geometry small");
    const f = failing(r);
    expect(f.map((x) => x.code)).toEqual(["unexpected-status"]);
    expect(f[0]!.ref).toBe("b1");
    expect(f[0]!.where?.line).toBe(13);
    expect(f[0]!.message).toMatch(/b1 is error, expected available/);
    expect(r.trace.some((e) => e.seq === f[0]!.traceSeq && eventSubjects(e.event).includes(f[0]!.subject!))).toBe(true);
  });

  it("cinder's real outcome passes: the restart's cleanup errors the stuck backup", async () => {
    const s = parseScenario(
      lost(`${RESTARTED}expect:\n  b1: { status: error, fail_reason: incomplete backup reset on manager restart }\n  v1: available\n`),
      "x.yaml",
    );
    for (const release of ["zed", "master"] as const) {
      const r = await runScenario(s, 3, release, SMALL);
      expect(failing(r), JSON.stringify(r.findings)).toEqual([]);
      expect(r.verdict).toBe("PASS");
      expect(r.statuses.underFaults).toMatchObject({ b1: "creating", v1: "backing-up" });
    }
  });

  it("without the restart the backup is stuck creating → stuck-state (twice: backup and volume)", async () => {
    const r = await runScenario(parseScenario(lost(""), "x.yaml"), 3, "master", SMALL);
    const codes = failing(r).map((x) => x.code);
    expect(codes).toEqual(["stuck-state", "stuck-state"]);
    expect(failing(r)[0]!.message).toMatch(/^b1: backup .* stuck in creating/);
  });

  it("an `allow:` entry keeps the finding in the report but passes the run", async () => {
    const r = await runScenario(
      parseScenario(lost("allow:\n  - code: stuck-state\n    why: nothing restarts the backup service here\n"), "x.yaml"),
      3,
      "zed",
      SMALL,
    );
    expect(r.verdict).toBe("PASS");
    expect(r.findings.map((f) => f.allowedBecause)).toEqual([
      "nothing restarts the backup service here",
      "nothing restarts the backup service here",
    ]);
  });

  it("the canary (a lost chunk of an available backup) is data-loss on every seed", async () => {
    const s = await loadScenario("scenarios/canary/lost-chunk.yaml");
    for (const seed of [1, 2]) {
      const r = await runScenario(s, seed, "zed", SMALL);
      expect(failing(r).map((f) => f.code)).toEqual(["data-loss"]);
      expect(failing(r)[0]!.message).toMatch(/b1 is available but cannot be restored/);
    }
  });

  it("a fault whose trigger never matches is fault-not-fired; a failed wait is expectation-failed", async () => {
    const text = (await readFile("scenarios/library/lost-continue-backup.yaml", "utf8"))
      .replace("at: { step: 1 }", 'at: { trace: "no such line" }')
      .replace("  - settle\n", "  - wait: { for: b1, status: error, timeout: 10s }\n");
    const r = await runScenario(parseScenario(text, "x.yaml"), 1, "zed", SMALL);
    const codes = failing(r)
      .map((f) => f.code)
      .sort();
    expect(codes).toContain("fault-not-fired");
    expect(codes).toContain("expectation-failed");
    expect(failing(r).find((f) => f.code === "expectation-failed")!.message).toMatch(/b1 did not reach error \(it is available\)/);
  });

  it("a step that should fail but succeeds, and an unexpected API error, are both reported", async () => {
    const s = parseScenario(
      `name: api
description: API answers
workload:
  - volume: { as: v1, size: 1, az: az1 }
  - backup: { as: b1, volume: v1 }
    expect_error: 400
  - backup: { as: b2, volume: v1 }
  - settle
`,
      "x.yaml",
    );
    const r = await runScenario(s, 1, "zed", SMALL);
    expect(failing(r).map((f) => [f.code, f.where?.line])).toEqual([
      ["expectation-failed", 5],
      ["unexpected-status", 7],
    ]);
    expect(failing(r)[1]!.message).toMatch(
      /HTTP 400: Invalid volume: Volume to be backed up must be available or in-use, but the current status is "backing-up"/,
    );
  });

  it("a MessagingTimeout escaping the API (force delete asks a dead backup host) is an HTTP 500 answer", async () => {
    const s = parseScenario(
      `name: api500
description: force delete while the backup hosts are dead but not yet reported down
topology:
  zones:
    - { name: az1, volume_backends: [site1@lvm], backup_hosts: [site1] }
workload:
  - volume: { as: v1, size: 1 }
  - backup: { as: b1, volume: v1 }
  - wait: { for: b1, status: available }
  - cancel: { backup: b1 }
faults:
  - at: { step: 3 }
    crash: cinder-backup@site1
`,
      "x.yaml",
    );
    const r = await runScenario(s, 1, "zed", SMALL);
    const f = failing(r).find((x) => x.code === "unexpected-status")!;
    expect(f.where?.line).toBe(10);
    expect(f.message).toMatch(/answered HTTP 500: Timed out waiting for a reply .* check_support_to_force_delete, 60s\)/);
  });
});
