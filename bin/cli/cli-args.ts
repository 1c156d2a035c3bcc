import { parseArgs, type ParseArgsConfig } from "node:util";
import { editDistance } from "../../lib/text/index.ts";

/**
 * Bad command-line usage of `cbh NAME`: the dispatcher prints `cbh NAME: MESSAGE` and exits 2.
 * Typed, so no caller ever decides on the text of Node's own parse errors.
 */
export class CliUsageError extends Error {
  readonly code = "CBH_USAGE";
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = "CliUsageError";
  }
}

/**
 * `parseArgs` (strict) for `cbh COMMAND`, with the errors a user can fix in one reading:
 * `unknown option --sed; did you mean --seed? (see cbh replay --help)`, `--seed needs a value`,
 * `--json takes no value`, `unexpected argument 'x'`, instead of Node's
 * `[ERR_PARSE_ARGS_UNKNOWN_OPTION] … place it at the end of the command after '--' …`.
 * The tokens of a non-strict pass are checked first, so nothing depends on Node's wording.
 */
export function parseCliArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  const options = config.options ?? {};
  const hint = `(see cbh ${command} --help)`;
  const fail = (message: string): never => {
    throw new CliUsageError(command, `${message} ${hint}`);
  };
  const { tokens } = parseArgs({ args: config.args ?? [], options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === "positional" && config.allowPositionals !== true) fail(`unexpected argument '${t.value}'`);
    if (t.kind !== "option") continue;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec) {
      const near = closest(t.name, Object.keys(options));
      fail(`unknown option ${t.rawName}${near ? `; did you mean --${near}?` : ""}`);
    } else if (spec.type === "string") {
      if (t.value === undefined) fail(`${t.rawName} needs a value`);
      // Node's strict mode refuses `--seed --json` (the value looks like an option): say so plainly.
      else if (!t.inlineValue && t.value.startsWith("-"))
        fail(`${t.rawName} needs a value, got the option '${t.value}' (write ${t.rawName}=${t.value} for a value starting with '-')`);
    } else if (t.value !== undefined) fail(`${t.rawName} takes no value`);
  }
  return parseArgs(config);
}

/** The known option nearest to a mistyped one, when it is a plausible typo (edit distance ≤ 2). */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}
