import type { Rule } from "../rules/rule.ts";

/**
 * The slowest a driver may move a rule's declared bytes (`Rule.movesBytes`) before the rule times
 * out: 16 MiB/s, half of the slowest seen from cinder's chunked drivers on a 2-core machine at load
 * 20-30 (Zed's S3 driver: the 4 GiB+ sparse round trip, 8 GiB, in 258 s). cinder's chunked backup reads every
 * byte of a volume, holes included (chunkeddriver.py `backup`: no sparse read), and Zed's restore
 * writes every byte back (`_restore_v1`), so a big sparse volume costs its full size twice.
 */
export const MIN_BYTES_PER_SECOND = 16 * 2 ** 20;

/**
 * A rule's time budget: `--timeout` (the budget of a rule moving little data) plus the time its
 * declared bytes take at `MIN_BYTES_PER_SECOND`. A rule that declares nothing gets `--timeout`.
 */
export function ruleTimeoutMs(rule: Pick<Rule, "movesBytes">, timeoutMs: number): number {
  return timeoutMs + Math.ceil(((rule.movesBytes ?? 0) / MIN_BYTES_PER_SECOND) * 1000);
}
