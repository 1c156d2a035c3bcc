import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateSequence, normaliseRun, runDiff, runSequence, type Sequence } from "../../../lib/diff/index.ts";
import { CloudClient } from "../../../lib/openstack/index.ts";
import type { RunningServer } from "../../server/index.ts";
import { runDiffCommand } from "../commands/diff.ts";
import { serveUser, simulatorFactory, startQuietServe } from "./simulator-factory.ts";
import { CI_GATE_SEEDS, ORACLE_SEEDS, gateSeeds, stepKind } from "./oracle-seeds.ts";
import { parseSeeds } from "./diff-options.ts";
import { SimApiBytes } from "./sim-api-bytes.ts";
import { startRewritingProxy, type RunningProxy } from "./testing/rewriting-proxy.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-diff-test-"));
let second: RunningServer;
const savedEnv = process.env.OS_CLIENT_CONFIG_FILE;
beforeAll(async () => {
  second = await startQuietServe(4242, "zed");
});
afterAll(async () => {
  await second.close();
  if (savedEnv === undefined) delete process.env.OS_CLIENT_CONFIG_FILE;
  else process.env.OS_CLIENT_CONFIG_FILE = savedEnv;
});

/** clouds.yaml with `<name>` (demo) and `<name>-admin` at this Keystone URL. */
function cloudsYaml(name: string, authUrl: string, password?: string): void {
  const entry = (user: string) =>
    `    auth: {auth_url: "${authUrl}", username: ${user}, password: ${password ?? user}, project_name: ${user}, user_domain_name: Default, project_domain_name: Default}\n`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `clouds:\n  ${name}:\n${entry("demo")}  ${name}-admin:\n${entry("admin")}`);
  process.env.OS_CLIENT_CONFIG_FILE = file;
}

function capture(runId: string) {
  const io = { out: "", err: "" };
  return { io, sink: { out: (s: string) => void (io.out += s), err: (s: string) => void (io.err += s), runId } };
}

const firstSeed = (pred: (s: Sequence) => boolean): number => {
  for (let seed = 1; seed < 2000; seed++) if (pred(generateSequence(seed, { release: "zed", admin: true, data: true }))) return seed;
  throw new Error("no seed");
};

describe("the generator", () => {
  it("is a pure function of the seed and covers the operations and edges of issue 11", () => {
    const opts = { release: "zed", admin: true, data: true };
    expect(JSON.stringify(generateSequence(7, opts))).toBe(JSON.stringify(generateSequence(7, opts)));
    expect(JSON.stringify(generateSequence(7, opts))).not.toBe(JSON.stringify(generateSequence(8, opts)));
    const labels = new Set(
      Array.from({ length: 200 }, (_, i) =>
        generateSequence(i + 1, opts).steps.map((s) =>
          s.label
            .split(/[ ?@:]/)
            .slice(0, 3)
            .join(" "),
        ),
      ).flat(),
    );
    for (const l of [
      "create volume",
      "write volume",
      "create snapshot",
      "create backup full",
      "create backup incremental",
      "create backup force",
      "create backup snapshot",
      "restore backup to",
      "delete backup",
      "force-delete backup",
      "reset-status volume",
      "export backup record",
      "import backup record",
      "import malformed record",
      "set quota backups=0",
      "show quota /os-quota-sets/P",
      "bad body",
    ])
      expect(
        [...labels].some((x) => x.startsWith(l)),
        l,
      ).toBe(true);
    const names = generateSequence(3, opts)
      .steps.flatMap((s) => (s.kind === "api" ? [JSON.stringify(s.body ?? {})] : []))
      .join("");
    expect(names).toMatch(/[^\u0000-\u007f]/); // non-ASCII names and descriptions (faker, seeded)
    expect(generateSequence(9, { ...opts, admin: false, data: false }).steps.every((s) => s.kind === "api" && s.as === "member")).toBe(
      true,
    );
  });
});

describe("cbh diff: simulator against a second cbh serve (same model, other seed)", () => {
  it("agrees on every step of 12 seeds: the normalisation hides only ids, hosts and times", async () => {
    const adminConfig = serveUser("second", second.authUrl, "admin");
    const target = {
      name: "second",
      member: await new CloudClient(serveUser("second", second.authUrl, "demo")).connect(),
      admin: await new CloudClient(adminConfig).connect(),
      bytes: new SimApiBytes(second.url, adminConfig),
      pollMs: 5,
    };
    const s = await runDiff(simulatorFactory("zed"), target, {
      seeds: Array.from({ length: 12 }, (_, i) => i + 1),
      release: "zed",
      runId: "cbh-diff-a",
      replay: () => "",
    });
    expect(s.results.flatMap((r) => r.divergences)).toEqual([]);
    expect(s.sequences).toBe(12);
    expect(s.operations).toBeGreaterThanOrEqual(12 * 12);
    expect(s.results.flatMap((r) => r.leftovers)).toEqual([]);
    // the ids differ (other seed), the normalised answers do not
    const seq = generateSequence(2, { release: "zed", admin: true, data: true });
    const { target: a, close } = await simulatorFactory("zed").open(2);
    const viewsA = normaliseRun(seq, await runSequence(seq, a, "cbh-diff-a2"));
    await close();
    const runB = await runSequence(seq, target, "cbh-diff-a2");
    expect(normaliseRun(seq, runB)).toEqual(viewsA);
    expect([...runB.bindings.refs.values()].length).toBeGreaterThan(0);
  });
});

describe("the CI gate's fixed seeds", () => {
  it("draw every kind of step the first 60 seeds draw", () => {
    const kinds = (seeds: readonly number[]) =>
      new Set(seeds.flatMap((s) => generateSequence(s, { release: "zed", admin: true, data: true }).steps.map((x) => stepKind(x.label))));
    const all = kinds(parseSeeds("1..60"));
    expect(all.size).toBeGreaterThan(50);
    expect([...all].filter((k) => !kinds(ORACLE_SEEDS).has(k))).toEqual([]);
    // the cut the CI gate runs (npm run test:integration) covers them too
    expect([...all].filter((k) => !kinds(CI_GATE_SEEDS).has(k))).toEqual([]);
    expect(gateSeeds({ CBH_ORACLE_GATE: "1" })).toBe(CI_GATE_SEEDS);
    expect(gateSeeds({})).toBe(ORACLE_SEEDS);
  });

  it("--seeds takes a comma list of seeds and ranges", () => {
    expect(parseSeeds("4,1..3,3")).toEqual([1, 2, 3, 4]);
    expect(() => parseSeeds("1,,2")).toThrow(/--seeds must be N, A..B or a comma list/);
  });
});

describe("cbh diff with lanes (--jobs)", () => {
  it("runs one sequence per lane at a time, on every lane, and reports in seed order", async () => {
    const third = await startQuietServe(4343, "zed");
    try {
      const lane = async (name: string, authUrl: string, url: string) => {
        const adminConfig = serveUser(name, authUrl, "admin");
        return {
          name,
          member: await new CloudClient(serveUser(name, authUrl, "demo")).connect(),
          admin: await new CloudClient(adminConfig).connect(),
          bytes: new SimApiBytes(url, adminConfig),
          pollMs: 5,
        };
      };
      const done: number[] = [];
      const s = await runDiff(simulatorFactory("zed"), await lane("second", second.authUrl, second.url), {
        seeds: [1, 2, 3, 4, 5, 6],
        release: "zed",
        runId: "cbh-diff-lanes",
        replay: () => "",
        lanes: [await lane("third", third.authUrl, third.url)],
        onSequence: (r) => done.push(r.seed),
      });
      expect(s.results.map((r) => r.seed)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(new Set(s.results.map((r) => r.lane))).toEqual(new Set([0, 1]));
      expect(done.toSorted((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      expect({ sequences: s.sequences, agreeing: s.agreeing, unexplained: s.unexplained }).toEqual({
        sequences: 6,
        agreeing: 6,
        unexplained: 0,
      });
    } finally {
      await third.close();
    }
  });

  it("--jobs is for the bundled cloud only (a shared project would mix the sequences' quota usage)", async () => {
    const { sink } = capture("x");
    await expect(runDiffCommand(["--cloud", "x", "--jobs", "2"], sink)).rejects.toMatchObject({ code: "usage" });
    await expect(runDiffCommand(["--bundled", "--jobs", "0"], sink)).rejects.toMatchObject({ code: "usage" });
  });
});

describe("cbh diff --json", () => {
  it("prints one JSON line per sequence, then one summary line", async () => {
    cloudsYaml("served", second.authUrl);
    const { io, sink } = capture("cbh-diff-json");
    expect(await runDiffCommand(["--cloud", "served", "--seeds", "3..4", "--json"], sink)).toBe(0);
    const lines = io.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.seed ?? "summary")).toEqual([3, 4, "summary"]);
    expect(lines[2]?.summary).toMatchObject({ cloud: "served", runId: "cbh-diff-json", sequences: 2, agreeing: 2, unexplained: 0 });
  });
});

describe("cbh diff: a target that differs in one answer", () => {
  let proxy: RunningProxy;
  afterEach(async () => proxy?.close());

  it("reports exactly that divergence with both answers, shrinks it on the simulator, confirms it on the target, exits 1", async () => {
    const seed = firstSeed((s) => s.steps.findIndex((x) => x.kind === "api" && x.path.includes("limit=abc")) >= 3);
    const at = generateSequence(seed, { release: "zed", admin: true, data: true }).steps.findIndex(
      (x) => x.kind === "api" && x.path.includes("limit=abc"),
    );
    proxy = await startRewritingProxy(second.url, {
      rewrite: (_m, path, status, body) =>
        path.includes("limit=abc") && status === 400
          ? { status, body: body.replace("limit param must be an integer", "limit must be a whole number") }
          : undefined,
    });
    cloudsYaml("proxied", `${proxy.url}/identity/v3`);
    const { io, sink } = capture("cbh-diff-b");
    const report = join(dir, "report-b");
    const code = await runDiffCommand(
      ["--cloud", "proxied", "--admin-cloud", "proxied-admin", "--target-sim-api", "--seeds", String(seed), "--report", report],
      sink,
    );
    expect(io.err).not.toMatch(/Error:|at .*\.ts/);
    expect(code).toBe(1);
    const lines = io.out.split("\n").filter((l) => l.includes("DIVERGENCE"));
    expect(lines).toEqual([
      `  DIVERGENCE step ${at} ${generateSequence(seed, { release: "zed", admin: true, data: true }).steps[at]?.label} message: simulator limit param must be an integer | target limit must be a whole number`,
    ]);
    expect(io.out).toContain("shrunk to 1 steps (confirmed on the target)");
    const replay = `npx cbh diff --cloud proxied --admin-cloud proxied-admin --target-sim-api --release zed --seeds ${seed} --steps ${at}`;
    expect(io.out).toContain(`replay: ${replay}`);
    const md = readFileSync(join(report, "diff.md"), "utf8");
    expect(md).toContain("**unexplained**");
    expect(md).toContain(replay);
    expect(readFileSync(join(report, "junit.xml"), "utf8")).toContain('failures="1"');
    expect(JSON.parse(readFileSync(join(report, "diff.jsonl"), "utf8").trim()).divergences).toHaveLength(1);
    // the replay command runs only the shrunk step and diverges the same way
    const again = capture("cbh-diff-b2");
    expect(await runDiffCommand(replay.split(" ").slice(3), again.sink)).toBe(1);
    expect(again.io.out).toContain(`seed ${seed}: 1 steps, DIVERGED (1)`);
  });

  it("an allow-listed difference is reported as explained, never counted as agreement silently", async () => {
    const seed = firstSeed((s) => s.steps.some((x) => x.kind === "api" && x.path.includes("limit=abc")));
    proxy = await startRewritingProxy(second.url, {
      rewrite: (_m, path, status, body) =>
        path.includes("limit=abc") && status === 400 ? { status, body: body.replace("limit param", "the limit param") } : undefined,
    });
    const admin = serveUser("proxied", `${proxy.url}/identity/v3`, "admin");
    const target = {
      name: "proxied",
      member: await new CloudClient(serveUser("proxied", `${proxy.url}/identity/v3`, "demo")).connect(),
      admin: await new CloudClient(admin).connect(),
      bytes: new SimApiBytes(proxy.url, admin),
      pollMs: 5,
    };
    const allow = [
      {
        id: "test-limit-wording",
        field: /^message$/,
        target: /^the limit param/,
        reason: "test",
        cinder: "cinder/api/api_utils.py:_get_limit_param",
      },
    ];
    const s = await runDiff(simulatorFactory("zed"), target, {
      seeds: [seed],
      release: "zed",
      runId: "cbh-diff-allow",
      allow,
      replay: () => "",
    });
    expect(s.unexplained).toBe(0);
    expect(s.explained).toBe(1);
    expect(s.results[0]?.divergences[0]).toMatchObject({ field: "message", allowed: "test-limit-wording" });
  });
});

describe("cbh diff: bad targets", () => {
  let proxy: RunningProxy;
  afterEach(async () => proxy?.close());

  it("an unreachable cloud: exit 2, the message names the cloud and the step", async () => {
    cloudsYaml("dead", "http://127.0.0.1:9/identity/v3");
    const { io, sink } = capture("cbh-diff-c1");
    expect(await runDiffCommand(["--cloud", "dead", "--seeds", "1"], sink)).toBe(2);
    expect(io.err).toMatch(
      /^cbh diff: cloud "dead": keystone auth: POST http:\/\/127\.0\.0\.1:9\/identity\/v3\/auth\/tokens failed: (ECONNREFUSED|fetch failed) \(step: connect to the target/,
    );
  });

  it("wrong credentials: exit 2, Keystone's refusal named", async () => {
    cloudsYaml("wrongpw", second.authUrl, "not-the-password");
    const { io, sink } = capture("cbh-diff-c2");
    expect(await runDiffCommand(["--cloud", "wrongpw", "--seeds", "1"], sink)).toBe(2);
    expect(io.err).toContain(`cbh diff: cloud "wrongpw": Keystone at ${second.authUrl} refused the credentials of user demo (401)`);
  });

  it("no Block Storage in the catalog, or no v3 version document: exit 2 naming the cloud and what is missing", async () => {
    proxy = await startRewritingProxy(second.url, {
      rewrite: (m, path, status, body) => {
        if (m !== "POST" || !path.endsWith("/auth/tokens")) return undefined;
        const t = JSON.parse(body) as { token: { catalog: { type: string }[] } };
        t.token.catalog = t.token.catalog.filter((c) => c.type !== "volumev3" && c.type !== "block-storage");
        return { status, body: JSON.stringify(t) };
      },
    });
    cloudsYaml("nocinder", `${proxy.url}/identity/v3`);
    const a = capture("cbh-diff-c5");
    expect(await runDiffCommand(["--cloud", "nocinder", "--seeds", "1"], a.sink)).toBe(2);
    expect(a.io.err).toContain('cbh diff: cloud "nocinder": the catalog has no public endpoint of type block-storage or volumev3');
    await proxy.close();
    proxy = await startRewritingProxy(second.url, {
      rewrite: (m, path, status) =>
        m === "GET" && /^\/volume\/?$/.test(path) ? { status, body: JSON.stringify({ versions: [] }) } : undefined,
    });
    cloudsYaml("nov3", `${proxy.url}/identity/v3`);
    const b = capture("cbh-diff-c6");
    expect(await runDiffCommand(["--cloud", "nov3", "--seeds", "1"], b.sink)).toBe(2);
    expect(b.io.err).toMatch(
      /^cbh diff: cloud "nov3": http:\/\/127\.0\.0\.1:\d+\/volume\/ has no Block Storage v3 version document \(HTTP 300\) \(step: connect to the target/,
    );
  });

  it("bad options: exit-2 usage errors", async () => {
    const { sink } = capture("x");
    await expect(runDiffCommand(["--seeds", "9..1"], sink)).rejects.toMatchObject({ code: "usage" });
    await expect(runDiffCommand(["--bundled", "--cloud", "x"], sink)).rejects.toMatchObject({ code: "usage" });
    await expect(runDiffCommand(["--steps", "a"], sink)).rejects.toMatchObject({ code: "usage" });
  });

  it("a target that stops answering mid-sequence: exit 2 naming cloud and step; what the run created is deleted, nothing else", async () => {
    const seed = firstSeed(
      (s) => s.steps.findIndex((x) => x.kind === "api" && x.method === "POST" && x.path === "/backups" && !!x.bind) >= 2,
    );
    const seq = generateSequence(seed, { release: "zed", admin: true, data: true });
    const at = seq.steps.findIndex((x) => x.kind === "api" && x.method === "POST" && x.path === "/backups" && !!x.bind);
    const admin = await new CloudClient(serveUser("second", second.authUrl, "admin")).connect();
    const member = await new CloudClient(serveUser("second", second.authUrl, "demo")).connect();
    const precious = await member.call("volume", "POST", "/volumes", { body: { volume: { size: 1, name: "precious, not the run's" } } });
    expect(precious.status).toBe(202);
    proxy = await startRewritingProxy(second.url, { hang: (m, path) => m === "POST" && /\/backups$/.test(path) });
    cloudsYaml("stalls", `${proxy.url}/identity/v3`);
    const { io, sink } = capture("cbh-diff-c4");
    const code = await runDiffCommand(
      ["--cloud", "stalls", "--admin-cloud", "stalls-admin", "--target-sim-api", "--seeds", String(seed), "--timeout-ms", "1500"],
      sink,
    );
    expect(code).toBe(2);
    expect(io.err).toContain(`cbh diff: cloud "stalls": step ${at} ${seq.steps[at]?.label}: POST ${proxy.url}`);
    expect(io.err).toContain("got no answer within 1500 ms");
    expect(io.err).toContain("cleanup: every resource the run created was deleted");
    const list = async (kind: string) =>
      ((await admin.call("volume", "GET", `/${kind}/detail?all_tenants=1`)).body as Record<string, { name: string; status: string }[]>)[
        kind
      ] ?? [];
    const vols = await list("volumes");
    expect(vols.filter((v) => v.name?.startsWith("cbh-diff-c4"))).toEqual([]);
    expect(vols.filter((v) => v.name === "precious, not the run's").map((v) => v.status)).toEqual(["available"]);
    expect((await list("snapshots")).filter((v) => v.name?.startsWith("cbh-diff-c4"))).toEqual([]);
  });
});
