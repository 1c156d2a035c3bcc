import type { Span } from "./scenario.ts";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Upper bound for any virtual duration in a scenario (one virtual day). */
export const MAX_DURATION_MS = 86_400_000;

/** `250ms`, `90s`, `2m`, `1h`, or a number of milliseconds. Returns an error text when invalid. */
export function parseDuration(v: unknown): number | string {
  if (typeof v === "number") return check(v, String(v));
  if (typeof v !== "string") return `expected a duration like 90s or 250ms, got ${JSON.stringify(v)}`;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(v);
  if (!m) return `expected a duration like 90s or 250ms, got ${JSON.stringify(v)}`;
  return check(Number(m[1]) * UNITS[m[2]!]!, v);
}

function check(ms: number, text: string): number | string {
  if (!Number.isFinite(ms) || ms < 0) return `duration must be >= 0, got ${text}`;
  if (ms > MAX_DURATION_MS) return `duration ${text} exceeds one virtual day`;
  return ms;
}

export function fixed(ms: number): Span {
  return { min: ms, max: ms };
}

export function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms * 1000) / 1000}ms`;
}

export function formatSpan(s: Span): string {
  return s.min === s.max ? formatMs(s.min) : `${formatMs(s.min)}..${formatMs(s.max)}`;
}
