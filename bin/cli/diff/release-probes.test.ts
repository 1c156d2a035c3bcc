import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALLOW_LIST,
  RELEASE_PROBES,
  compareProfiles,
  releaseProbe,
  runDiff,
  type DiffSummary,
  type DiffTarget,
} from "../../../lib/diff/index.ts";
import { CloudClient } from "../../../lib/openstack/index.ts";
import type { RunningServer } from "../../server/index.ts";
import { parseDiffArgs } from "./diff-options.ts";
import { SimApiBytes } from "./sim-api-bytes.ts";
import { serveUser, simulatorFactory, startQuietServe } from "./simulator-factory.ts";

// `cbh diff --probes` (lib/diff/release-probes.ts): the release probes tell the profiles apart.
// A `cbh serve` of each release is the target; the in-process simulator plays `epoxy`.
describe("cbh diff --probes", () => {
  const servers: Partial<Record<"zed" | "epoxy", RunningServer>> = {};
  beforeAll(async () => {
    servers.zed = await startQuietServe(4242, "zed");
    servers.epoxy = await startQuietServe(4243, "epoxy");
  });
  afterAll(async () => {
    for (const s of Object.values(servers)) await s?.close();
  });

  async function targetOf(against: "zed" | "epoxy"): Promise<DiffTarget> {
    const server = servers[against]!;
    const adminConfig = serveUser(against, server.authUrl, "admin");
    return {
      name: against,
      member: await new CloudClient(serveUser(against, server.authUrl, "demo")).connect(),
      admin: await new CloudClient(adminConfig).connect(),
      bytes: new SimApiBytes(server.url, adminConfig),
      pollMs: 5,
    };
  }

  async function probe(against: "zed" | "epoxy"): Promise<DiffSummary> {
    const target = await targetOf(against);
    const seeds = RELEASE_PROBES.map((_, i) => i + 1);
    return runDiff(simulatorFactory("epoxy"), target, {
      seeds,
      release: "epoxy",
      runId: `cbh-probe-${against}`,
      probes: true,
      shrink: false,
      replay: () => "",
    });
  }

  it("epoxy against an epoxy cloud: every probe agrees, nothing left behind", async () => {
    const s = await probe("epoxy");
    expect(s.results.flatMap((r) => r.divergences)).toEqual([]);
    expect(s.sequences).toBe(RELEASE_PROBES.length);
    expect(s.results.flatMap((r) => r.leftovers)).toEqual([]);
  });

  it("epoxy against a zed cloud: every probe diverges, on the parent choice's answer and the maximum microversion", async () => {
    const s = await probe("zed");
    expect(s.results.map((r) => r.unexplained > 0)).toEqual(RELEASE_PROBES.map(() => true));
    const messages = s.results.flatMap((r) => r.divergences.map((d) => `${d.label} ${d.field}: ${d.sim} | ${d.target}`));
    expect(messages.join("\n")).toContain("The parent backup must be available for incremental backup.");
    expect(messages.join("\n")).toMatch(/list backups at 3\.71 status: 200 \| 406/);
    // backup-zone-filled: Zed leaves the backup's zone NULL, Epoxy's manager fills it
    expect(messages.join("\n")).toMatch(/show backup answer: .*"availability_zone":"<zone>".* \| .*"availability_zone":null/);
  });

  it("compareProfiles: each probe run once on a zed cloud, the zed profile agrees and the epoxy one diverges", async () => {
    const target = await targetOf("zed");
    const simulators = { zed: simulatorFactory("zed"), epoxy: simulatorFactory("epoxy") };
    for (const [i, p] of RELEASE_PROBES.entries()) {
      const c = await compareProfiles(releaseProbe(i + 1, "epoxy"), simulators, target, `cbh-cmp-${i}`, ALLOW_LIST);
      expect(c.target.leftovers, p.name).toEqual([]);
      expect(c.divergences.zed, p.name).toEqual([]);
      expect(c.divergences.epoxy?.length, p.name).toBeGreaterThan(0);
    }
  });

  it("--probes takes all probes, or those --seeds names; a probe that does not exist is a usage error", () => {
    expect(parseDiffArgs(["--probes"]).seeds).toEqual(RELEASE_PROBES.map((_, i) => i + 1));
    expect(parseDiffArgs(["--probes", "--seeds", "2"]).seeds).toEqual([2]);
    expect(() => parseDiffArgs(["--probes", "--seeds", "9"])).toThrow(/there are \d+ probes/);
    expect(parseDiffArgs([]).seeds).toHaveLength(10);
  });
});
