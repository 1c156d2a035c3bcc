/**
 * `benchJobs` (bench-jobs.ts) in a process of its own, so that its `--jobs 1` starts with the JIT as
 * cold as a `cbh conformance --jobs 1` run's, not warmed by the benchmark's earlier runs. As a
 * script: SEED RUNS JOBS [RULES], prints benchJobs' JSON.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchJobs } from "./bench-jobs.ts";

const SELF = fileURLToPath(import.meta.url);

export async function benchJobsInProcess(
  seed: number,
  numRuns: number,
  rules: string | undefined,
  jobs: number,
): Promise<Awaited<ReturnType<typeof benchJobs>>> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF, String(seed), String(numRuns), String(jobs), ...(rules ? [rules] : [])], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  if (code !== 0) throw new Error(`bench-jobs-process.ts ${seed} ${numRuns} ${jobs} exited with ${code}`);
  return JSON.parse(out) as Awaited<ReturnType<typeof benchJobs>>;
}

if (process.argv[1] === SELF) {
  const [seed, runs, jobs, rules] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await benchJobs(Number(seed), Number(runs), rules, Number(jobs))));
}
