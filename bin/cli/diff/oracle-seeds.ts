/**
 * The fixed `cbh diff` set of the CI gate (bin/cli/diff/bundled-diff.oracle.test.ts, run by
 * `npm run test:integration` and `npm run test:oracle`): 16 seeds that, between them, draw every
 * kind of step the first 60 seeds draw (create/delete/show of each resource, every backup mode,
 * both restores, force-delete, reset-status, export/import, each quota key, every list and quota
 * edge, every bad body and malformed import). diff.test.ts checks that they still do.
 */
export const ORACLE_SEEDS: readonly number[] = [1, 2, 9, 12, 13, 14, 15, 19, 20, 22, 28, 33, 38, 40, 49, 55];

/** What the coverage is measured on: a step's label without its parameters (`list volumes?…`). */
export const stepKind = (label: string): string =>
  label
    .replace(/\?.*$/, "?…")
    .replace(/=\S+$/, "=…")
    .replace(/ (available|error|in-use)$/, "");
