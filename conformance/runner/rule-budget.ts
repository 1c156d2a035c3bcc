import type { Rule } from "../rules/rule.ts";

/**
 * The slowest a driver may move a rule's declared bytes (`Rule.movesBytes`) before the rule times
 * out: 32 MiB/s, a fraction of what cinder's chunked drivers move on a loaded 2-core machine
 * (README, "Real cinder drivers": a 4 GiB+ sparse round trip). cinder's chunked backup reads every
 * byte of a volume, holes included (chunkeddriver.py `backup`: no sparse read), and Zed's restore
 * writes every byte back (`_restore_v1`), so a big sparse volume costs its full size twice.
 */
export const MIN_BYTES_PER_SECOND = 32 * 2 ** 20;

/**
 * A rule's time budget: `--timeout` (the budget of a rule moving little data) plus the time its
 * declared bytes take at `MIN_BYTES_PER_SECOND`. A rule that declares nothing gets `--timeout`.
 */
export function ruleTimeoutMs(rule: Pick<Rule, "movesBytes">, timeoutMs: number): number {
  return timeoutMs + Math.ceil(((rule.movesBytes ?? 0) / MIN_BYTES_PER_SECOND) * 1000);
}
