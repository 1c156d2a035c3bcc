import type { RuleResult } from "../../conformance/runner/reporter.ts";

/** The exception a driver raised during a failed rule, as plain text: method, name, message, then the stack. */
export function driverExceptionText(r: RuleResult): string {
  const x = r.driverException;
  if (!x) return "";
  const head = `driver exception in ${x.method}(): ${x.name}: ${x.message}`;
  return x.stack ? `${head}\n${x.stack}` : head;
}
