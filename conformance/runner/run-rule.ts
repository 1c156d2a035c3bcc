import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { DriverHarness } from "../driver/driver-harness.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import type { TraceStep } from "../driver/trace-recorder.ts";
import type { PropertyOptions, Rule, RuleContext } from "../rules/rule.ts";
import { isRuleViolation } from "../rules/rule-violation.ts";
import { cloudTraceSteps, openCloud, type CloudRequest } from "./cloud-factory.ts";
import { DriverExceptionLog, describeDriverException } from "./driver-exceptions.ts";
import type { RuleResult } from "./result.ts";
import { ruleTimeoutMs } from "./rule-budget.ts";

export interface RunRuleOptions {
  seed: number;
  timeoutMs: number;
  /** Command prefix that selects this driver on the CLI, e.g. `npx cbh conformance --driver ref`. */
  replayPrefix: string;
  /** Whether the simulated cloud can be built (cloud-level rules are NA otherwise). */
  cloudAvailable: boolean;
  property?: PropertyOptions;
}

export const DEFAULT_PROPERTY: PropertyOptions = { numRuns: 8, maxCommands: 12 };

/** SKIP (a capability the driver does not declare) or NA (nothing the harness can apply it to), or null: the rule runs. */
export function ruleGate(rule: Rule, dut: DriverUnderTest, cloudAvailable: boolean): { outcome: "SKIP" | "NA"; reason: string } | null {
  const missing = rule.requires.filter((c) => !dut.capabilities[c]);
  if (missing.length > 0) return { outcome: "SKIP", reason: `driver does not declare capability ${missing.join(", ")}` };
  if (rule.setup.includes("chunked-format") && !dut.format)
    return { outcome: "NA", reason: "store is not in cinder's chunked format (nothing for lib/format to inspect)" };
  if (rule.setup.includes("store-faults") && !dut.storeFaults)
    return {
      outcome: "NA",
      reason:
        "the driver's store has no fault layer (Swift, S3 and GCS protocol drivers have the fault proxy; nfs and posix stores in the drivers container a FUSE layer)",
    };
  if (rule.setup.includes("cloud") && !cloudAvailable)
    return { outcome: "NA", reason: "the simulated cloud (sim/cloud CloudBuilder) is not available in this build" };
  return null;
}

/** Runs one rule against one driver: requirement gates, a fresh harness, a timeout, a verdict. */
export async function runRule(rule: Rule, dut: DriverUnderTest, opts: RunRuleOptions): Promise<RuleResult> {
  const base = {
    driver: dut.id,
    ruleId: rule.id,
    area: rule.area,
    title: rule.title,
    source: rule.source,
    replay: `${opts.replayPrefix} --rules '${rule.id}' --seed ${opts.seed}`,
  };
  const gated = ruleGate(rule, dut, opts.cloudAvailable);
  if (gated) return { ...base, outcome: gated.outcome, durationMs: 0, reason: gated.reason };
  const log = new DriverExceptionLog();
  const watched = log.watch(dut);
  const harnesses: DriverHarness[] = [];
  const clouds: SimulatedCloud[] = [];
  const observed: string[] = [];
  const t: RuleContext = {
    observe: (line) => void observed.push(line),
    dut: watched,
    seed: opts.seed,
    property: opts.property ?? DEFAULT_PROPERTY,
    harness: async (o) => {
      const h = await DriverHarness.open(watched, opts.seed + harnesses.length, o);
      harnesses.push(h);
      return h;
    },
    cloud: async (req?: CloudRequest) => {
      const c = await openCloud(watched, opts.seed + clouds.length, req);
      clouds.push(c);
      return c;
    },
  };
  const started = performance.now();
  const budgetMs = ruleTimeoutMs(rule, opts.timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      rule.run(t),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RuleTimeout(budgetMs, opts.timeoutMs, log.running())), budgetMs);
      }),
    ]);
    return { ...base, outcome: "PASS", durationMs: performance.now() - started, ...(observed.length ? { observed } : {}) };
  } catch (e) {
    const err = e as Error;
    const trace = collectTrace(harnesses, clouds);
    const thrown = log.exceptions[0];
    const withDriver = thrown ? { driverException: thrown } : {};
    if (isRuleViolation(e)) {
      return {
        ...base,
        ...withDriver,
        ...(observed.length ? { observed } : {}),
        outcome: "FAIL",
        durationMs: performance.now() - started,
        expected: e.expected,
        actual: e.actual,
        reason: thrown ? `${e.message} (after the driver raised ${describeDriverException(thrown)})` : e.message,
        trace: e.traceOverride ?? trace,
        ...(e.replay ? { replay: `${opts.replayPrefix} ${e.replay}` } : {}),
        ...(e.counterexample ? { counterexample: e.counterexample } : {}),
      };
    }
    const what = `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`;
    // a driver's own exception leads, even when the rule then timed out waiting on its consequence
    const fromDriver = typeof (e as { driverMethod?: unknown } | null)?.driverMethod === "string"; // raised by a driver method itself
    const own = fromDriver
      ? (log.exceptions.find((x) => x.method === (e as { driverMethod: string }).driverMethod && x.message === err.message) ?? thrown)
      : undefined;
    const reason =
      e instanceof RuleTimeout
        ? `${e.message}${thrown ? `; the driver raised ${describeDriverException(thrown)} first` : ""}`
        : own
          ? `driver raised ${describeDriverException(own)}`
          : `driver or harness raised ${what}${thrown ? ` (after the driver raised ${describeDriverException(thrown)})` : ""}`;
    return {
      ...base,
      ...(own ? { driverException: own } : withDriver),
      ...(observed.length ? { observed } : {}),
      outcome: "FAIL",
      durationMs: performance.now() - started,
      trace,
      reason,
      expected: "the rule's steps complete",
      actual: own ? describeDriverException(own) : what,
    };
  } finally {
    clearTimeout(timer);
    dut.storeFaults?.use(null); // a faults.* rule's plan never outlives it
    await dut.terminateDrivers?.(`rule ${rule.id} ended`).catch(() => undefined); // worker-thread drivers: stops one that never yields
    for (const h of harnesses) await h.close().catch(() => undefined);
    for (const c of clouds) await dut.disposeStore?.(c.objectStore).catch(() => undefined);
  }
}

function collectTrace(harnesses: DriverHarness[], clouds: SimulatedCloud[]): TraceStep[] {
  const steps = harnesses.flatMap((h) => h.trace.steps());
  for (const c of clouds) steps.push(...cloudTraceSteps(c));
  return steps.slice(-300);
}

/** `--timeout` elapsed; names the driver methods still running (a driver that never yields). */
class RuleTimeout extends Error {
  constructor(ms: number, base: number, running: string[]) {
    const scaled = ms > base ? ` (${base} ms + the time of the rule's declared bytes at the minimum throughput: rule-budget.ts)` : "";
    super(`rule timed out after ${ms} ms${scaled}${running.length ? ` with the driver still in ${running.join(", ")}` : ""}`);
    this.name = "RuleTimeout";
  }
}
