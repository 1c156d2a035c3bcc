import type { Where } from "./scenario.ts";

/** A scenario file that cannot be used: names the file and the line:column of the problem. */
export class ScenarioError extends Error {
  readonly code = "CHAOS_BAD_SCENARIO";

  constructor(
    readonly file: string,
    readonly where: Where | null,
    readonly detail: string,
  ) {
    super(`${file}${where ? `:${where.line}:${where.col}` : ""}: ${detail}`);
    this.name = "ScenarioError";
  }
}
