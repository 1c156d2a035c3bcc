import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { DriverHarness } from "../driver/driver-harness.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import type { TraceStep } from "../driver/trace-recorder.ts";
import type { PropertyOptions, Rule, RuleContext } from "../rules/rule.ts";
import { isRuleViolation } from "../rules/rule-violation.ts";
import { cloudTraceSteps, openCloud, type CloudRequest } from "./cloud-factory.ts";
import type { RuleResult } from "./result.ts";

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

/** Runs one rule against one driver: requirement gates, a fresh harness, a timeout, a verdict. */
export async function runRule(rule: Rule, dut: DriverUnderTest, opts: RunRuleOptions): Promise<RuleResult> {
  const base = {
    driver: dut.id, ruleId: rule.id, area: rule.area, title: rule.title, source: rule.source,
    replay: `${opts.replayPrefix} --rules '${rule.id}' --seed ${opts.seed}`,
  };
  const missing = rule.requires.filter((c) => !dut.capabilities[c]);
  if (missing.length > 0) {
    return { ...base, outcome: "SKIP", durationMs: 0, reason: `driver does not declare capability ${missing.join(", ")}` };
  }
  if (rule.setup.includes("chunked-format") && !dut.format) {
    return { ...base, outcome: "NA", durationMs: 0, reason: "store is not in cinder's chunked format (nothing for sim/format to inspect)" };
  }
  if (rule.setup.includes("cloud") && !opts.cloudAvailable) {
    return { ...base, outcome: "NA", durationMs: 0, reason: "the simulated cloud (sim/cloud CloudBuilder) is not available in this build" };
  }
  const harnesses: DriverHarness[] = [];
  const clouds: SimulatedCloud[] = [];
  const t: RuleContext = {
    dut,
    seed: opts.seed,
    property: opts.property ?? DEFAULT_PROPERTY,
    harness: async (o) => {
      const h = await DriverHarness.open(dut, opts.seed + harnesses.length, o);
      harnesses.push(h);
      return h;
    },
    cloud: async (req?: CloudRequest) => {
      const c = await openCloud(dut, opts.seed + clouds.length, req);
      clouds.push(c);
      return c;
    },
  };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      rule.run(t),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`rule timed out after ${opts.timeoutMs} ms`)), opts.timeoutMs);
      }),
    ]);
    return { ...base, outcome: "PASS", durationMs: performance.now() - started };
  } catch (e) {
    const err = e as Error;
    const trace = collectTrace(harnesses, clouds);
    if (isRuleViolation(e)) {
      return {
        ...base, outcome: "FAIL", durationMs: performance.now() - started, reason: e.message, expected: e.expected, actual: e.actual,
        trace: e.traceOverride ?? trace,
        ...(e.replay ? { replay: `${opts.replayPrefix} ${e.replay}` } : {}),
        ...(e.counterexample ? { counterexample: e.counterexample } : {}),
      };
    }
    return {
      ...base, outcome: "FAIL", durationMs: performance.now() - started, trace,
      reason: `driver or harness raised ${err?.name ?? "Error"}: ${err?.message ?? String(e)}`,
      expected: "the rule's steps complete", actual: `${err?.name ?? "Error"}: ${err?.message ?? String(e)}`,
    };
  } finally {
    clearTimeout(timer);
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
