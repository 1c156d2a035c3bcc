import { RuleViolation } from "../rules/rule-violation.ts";

/** The system cloud diverged from the model cloud (reference driver) after a command. */
export class ModelDivergence extends RuleViolation {
  override readonly name = "ModelDivergence";
  /** `outcome-diverged` (the operation answered differently) or a `divergenceChecker` code. */
  constructor(
    what: string,
    model: string,
    system: string,
    readonly divergence = "outcome-diverged",
  ) {
    super(what, `model (reference driver): ${model}`, `system (driver under test): ${system}`);
  }
}
