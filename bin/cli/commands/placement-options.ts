/**
 * The options that say where runs happen, not which: `--jobs N` (worker threads) and
 * `--shard I/N` (this machine's part). Shared by the commands that sweep seeds.
 */

/** `--jobs N`: a positive integer (at most 256). */
export function parseJobs(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1 && n <= 256))
    throw Object.assign(new Error(`--jobs must be an integer from 1 to 256, got '${text}'`), { code: "usage" });
  return n;
}

const PLACEMENT = ["--jobs", "--shard", "--report"];

/**
 * argv without --jobs, --shard and --report (and their values), and without the given `flags`
 * (boolean options that change only the console output, e.g. --quiet): the run a report records,
 * the same for every shard and for the unsharded run, so merged shards equal it.
 */
export function withoutPlacement(argv: readonly string[], flags: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (PLACEMENT.includes(a)) i++;
    else if (!PLACEMENT.some((p) => a.startsWith(`${p}=`)) && !flags.includes(a)) out.push(a);
  }
  return out;
}
