/** One test's outcome in `tempest run`'s (stestr's) console output. */
export interface TempestOutcome {
  id: string;
  status: "ok" | "SKIPPED" | "FAILED";
  /** Why it skipped. */
  reason?: string;
}

export interface TempestSummary {
  ran: number;
  passed: number;
  skipped: number;
  failed: number;
  outcomes: TempestOutcome[];
}

const LINE = /^\{\d+\} (.+?)(?: \[[\d.]+s\])? \.\.\. (ok|SKIPPED|FAILED)(?:: (.*))?$/;

/** Reads the per-test lines and the `Totals` block; missing totals are an error, never a pass. */
export function parseTempestOutput(text: string): TempestSummary {
  const outcomes: TempestOutcome[] = [];
  for (const line of text.split("\n")) {
    const m = LINE.exec(line.trim());
    if (m) outcomes.push({ id: m[1] as string, status: m[2] as TempestOutcome["status"], ...(m[3] ? { reason: m[3] } : {}) });
  }
  const total = (name: string): number => {
    const m = new RegExp(`^ - ${name}: (\\d+)$`, "m").exec(text);
    if (!m) throw new Error(`tempest output has no '${name}' total`);
    return Number(m[1]);
  };
  const ran = /^Ran: (\d+) tests? in/m.exec(text);
  if (!ran) throw new Error("tempest output has no 'Ran:' line");
  return { ran: Number(ran[1]), passed: total("Passed"), skipped: total("Skipped"), failed: total("Failed"), outcomes };
}
