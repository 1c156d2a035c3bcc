import { RuleViolation } from "../rules/rule-violation.ts";

/** The system cloud diverged from the model cloud (reference driver) after a command. */
export class ModelDivergence extends RuleViolation {
  override readonly name = "ModelDivergence";
  constructor(what: string, model: string, system: string) {
    super(what, `model (reference driver): ${model}`, `system (driver under test): ${system}`);
  }
}
