/**
 * The `--replay` token of a model-run failure: `SEED:PATH`, where PATH is fast-check's
 * counterexample path (`96:5:2`) optionally followed by `@` and the `fc.commands` replayPath
 * (which commands ran) — both are needed to land exactly on the shrunk case.
 */
export interface ReplayToken {
  seed: number;
  path: string;
  replayPath?: string;
}

export class ReplayTokenError extends Error {
  readonly code = "CBH_BAD_REPLAY";
}

export function formatReplayToken(seed: number, path: string, replayPath?: string | null): string {
  return `${seed}:${path}${replayPath ? `@${replayPath}` : ""}`;
}

export function parseReplayToken(token: string): ReplayToken {
  const m = /^(-?\d+):(\d+(?::\d+)*)(?:@([A-Za-z0-9+/=:_-]+))?$/.exec(token.trim());
  if (!m) throw new ReplayTokenError(`bad --replay '${token}': expected SEED:PATH as printed by a failed run (e.g. 42:3:1:0@AAB:c)`);
  const seed = Number(m[1]);
  if (!Number.isSafeInteger(seed)) throw new ReplayTokenError(`bad --replay seed '${m[1]}'`);
  return { seed, path: m[2]!, ...(m[3] ? { replayPath: m[3] } : {}) };
}
