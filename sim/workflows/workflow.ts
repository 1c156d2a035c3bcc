import type { Release, SimulatedCloud } from "../cloud/simulated-cloud.ts";
import { CinderError } from "../errors/cinder-errors.ts";

/** One documented procedure of the guide, replayed on a fresh cloud with its expected outcome. */
export interface Workflow {
  readonly id: string;
  readonly title: string;
  /** Guide section the procedure comes from. */
  readonly guide: string;
  /** cinder.conf overrides for this workflow's cloud. */
  readonly config?: Record<string, string | number | boolean>;
  run(w: WorkflowRun): Promise<void>;
}

export interface Deviation {
  readonly check: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** What a workflow body uses: the cloud, and checks that record deviations instead of throwing. */
export class WorkflowRun {
  readonly deviations: Deviation[] = [];
  readonly checks: string[] = [];

  constructor(
    readonly cloud: SimulatedCloud,
    readonly release: Release,
  ) {}

  expect(check: string, actual: unknown, expected: unknown): void {
    this.checks.push(check);
    if (JSON.stringify(actual) !== JSON.stringify(expected)) this.deviations.push({ check, expected, actual });
  }

  /** Expects the operation to fail with cinder's HTTP code and exact message. */
  async expectError(check: string, op: () => Promise<unknown>, httpCode: number, message: string): Promise<void> {
    this.checks.push(check);
    try {
      await op();
      this.deviations.push({ check, expected: `${httpCode} ${message}`, actual: "success" });
    } catch (e) {
      const actual = e instanceof CinderError ? `${e.httpCode} ${e.message}` : `exception ${(e as Error).message}`;
      if (actual !== `${httpCode} ${message}`) this.deviations.push({ check, expected: `${httpCode} ${message}`, actual });
    }
  }

  /** Records a note in the trace (shows in the replay output). */
  note(what: string): void {
    this.cloud.inspect.note({ service: "workflow", host: "-", kind: "api", event: { type: "runner", text: what, subjects: [] } });
  }
}
