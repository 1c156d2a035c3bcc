/** Sub-commands of `cbh`. Each lives in its own module; add new ones here. */
import { conformance } from "./commands/conformance.ts";
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  conformance,
};
