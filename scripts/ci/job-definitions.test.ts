import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commands } from "../../bin/cli/registry.ts";

/** Every `npx cbh …` and `npm run …` a job file names: the command must exist, its sub-command and options too. */
async function checkCommands(text: string): Promise<string[]> {
  const named: string[] = [];
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  for (const m of text.matchAll(/npm run (\S+)/g)) {
    expect(scripts, `npm run ${m[1]}`).toHaveProperty([m[1]!]);
    named.push(`npm run ${m[1]}`);
  }
  for (const m of text.matchAll(/npx cbh (\S+) (\S+)([^\n]*)/g)) {
    // `cbh chaos run …` has a sub-command; `cbh conformance --driver …` has only options
    const [name, sub, rest] = m[2]!.startsWith("--") ? [m[1]!, "", ` ${m[2]!}${m[3]!}`] : [m[1]!, m[2]!, m[3]!];
    const cmd = `cbh ${name}${sub ? ` ${sub}` : ""}`;
    expect(commands, `cbh ${name}`).toHaveProperty([name]);
    const help = await usageOf(name);
    expect(help, cmd).toContain(cmd);
    for (const opt of rest.matchAll(/--[a-z-]+/g)) expect(help, `${cmd} ${opt[0]}`).toContain(opt[0]);
    named.push(cmd);
  }
  return named;
}

/** A command's usage text: what it prints for --help or puts in its usage error. */
async function usageOf(name: string): Promise<string> {
  const cmd = await commands[name]!.load();
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  try {
    await cmd.run(["--help"]);
  } catch (e) {
    out.push((e as Error).message);
  } finally {
    process.stdout.write = write;
  }
  return out.join("");
}

describe("CI job definitions for sharded sweeps", () => {
  it("Zuul: the jobs parse, name existing playbooks, N shard jobs feed each merge job, commands exist", async () => {
    const text = readFileSync("ci/zuul/cbh-jobs.yaml", "utf8");
    const items = parse(text) as Array<Record<string, Record<string, unknown>>>;
    const jobs = items.filter((i) => i["job"]).map((i) => i["job"]!);
    const pipeline = items.find((i) => i["project"])!["project"]!["check"] as { jobs: string[] };
    const expected: string[] = [];
    for (const family of ["chaos", "conformance"]) {
      const shards = jobs.filter((j) => j["parent"] === `cbh-${family}-shard`).map((j) => j["name"] as string);
      const base = jobs.find((j) => j["name"] === `cbh-${family}-shard`)!;
      expect(shards, family).toHaveLength((base["vars"] as { cbh_shard_count: number }).cbh_shard_count);
      expect(
        jobs.filter((j) => j["parent"] === `cbh-${family}-shard`).map((j) => (j["vars"] as { cbh_shard_index: number }).cbh_shard_index),
      ).toEqual(shards.map((_, i) => i + 1));
      const merge = jobs.find((j) => j["name"] === `cbh-${family}-merge`)!;
      expect(merge["dependencies"]).toEqual(shards);
      expected.push(...shards, `cbh-${family}-merge`);
    }
    expect(pipeline.jobs).toEqual(expected);
    let all = "";
    for (const j of jobs.filter((x) => x["run"])) {
      const book = String(j["run"]);
      expect(existsSync(book), book).toBe(true);
      const plays = parse(readFileSync(book, "utf8")) as Array<{ hosts: string; tasks: unknown[] }>;
      expect(plays.every((p) => p.hosts && p.tasks.length)).toBe(true);
      all += `${readFileSync(book, "utf8")
        .replace(/>-\n\s+/g, "")
        .replace(/\n\s{8}--/g, " --")}\n`;
    }
    expect(await checkCommands(all)).toEqual(["cbh chaos run", "cbh report merge", "cbh conformance", "cbh report merge"]);
  });

  it("GitHub Actions: the workflow parses, the matrix has SHARDS shards, the merge job needs them, commands exist", async () => {
    const text = readFileSync(".github/workflows/cbh-sharded.yml", "utf8");
    const wf = parse(text) as {
      env: { SHARDS: number };
      jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Array<{ run?: string }> }>;
    };
    for (const [shard, merge] of [
      ["shard", "merge"],
      ["conformance-shard", "conformance-merge"],
    ] as const) {
      expect(wf.jobs[shard]!.strategy!.matrix.shard).toEqual(Array.from({ length: wf.env.SHARDS }, (_, i) => i + 1));
      expect(wf.jobs[merge]!.needs).toBe(shard);
    }
    const runs = Object.values(wf.jobs)
      .flatMap((j) => j.steps.map((s) => s.run ?? ""))
      .join("\n");
    expect(await checkCommands(runs)).toEqual(["cbh chaos run", "cbh report merge", "cbh conformance", "cbh report merge"]);
  });
});
