/**
 * The fixed `cbh diff` set of the CI gate (bin/cli/diff/bundled-diff.oracle.test.ts, run by
 * `npm run test:integration` and `npm run test:oracle`): 16 seeds that, between them, draw every
 * kind of step the first 60 seeds draw (create/delete/show of each resource, every backup mode,
 * both restores, force-delete, reset-status, export/import, each quota key, every list and quota
 * edge, every bad body and malformed import). diff.test.ts checks that they still do.
 */
export const ORACLE_SEEDS: readonly number[] = [1, 2, 9, 12, 13, 14, 15, 19, 20, 22, 28, 33, 38, 40, 49, 55];

/**
 * The cut of the same gate that `npm run test:integration` runs (scripts/ci/oracle-gate.sh sets
 * CBH_ORACLE_GATE=1; docs/oracle.md has the time budget): 10 seeds that still draw every kind of step
 * the first 60 seeds draw (diff.test.ts checks it), chosen greedily among seeds 1..1000 for new kinds
 * per unit of cost (a step that creates, deletes, writes, backs up or restores counts 4, any other
 * step 1): 128 operations of which 41 slow ones, where ORACLE_SEEDS has 210 and 114.
 */
export const CI_GATE_SEEDS: readonly number[] = [57, 203, 410, 439, 519, 521, 625, 914, 933, 994];

/** The seeds of the `cbh diff` oracle test: the cut inside the CI gate, the full set otherwise. */
export const gateSeeds = (env: NodeJS.ProcessEnv = process.env): readonly number[] =>
  env["CBH_ORACLE_GATE"] === "1" ? CI_GATE_SEEDS : ORACLE_SEEDS;

/** What the coverage is measured on: a step's label without its parameters (`list volumes?…`). */
export const stepKind = (label: string): string =>
  label
    .replace(/\?.*$/, "?…")
    .replace(/=\S+$/, "=…")
    .replace(/ (available|error|in-use)$/, "");
