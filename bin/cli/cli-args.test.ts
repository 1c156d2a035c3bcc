import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliArgs } from "./cli-args.ts";

const OPTIONS = { seed: { type: "string" }, seeds: { type: "string" }, json: { type: "boolean" } } as const;
const parse = (args: string[], allowPositionals = false) => parseCliArgs("replay", { args, options: OPTIONS, allowPositionals });
const errorOf = (args: string[], allowPositionals = false): string => {
  try {
    parse(args, allowPositionals);
  } catch (e) {
    expect(e).toBeInstanceOf(CliUsageError);
    expect((e as CliUsageError).code).toBe("CBH_USAGE");
    expect((e as CliUsageError).command).toBe("replay");
    return (e as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(args)}`);
};

describe("parseCliArgs: bad options are one sentence naming the option, never Node's parse-error text", () => {
  it("parses what is valid exactly as node:util parseArgs", () => {
    expect(parse(["--seed", "3", "--json"]).values).toEqual({ seed: "3", json: true });
    expect(parse(["--seed=-3"]).values).toEqual({ seed: "-3" });
    expect(parse(["all", "--json"], true).positionals).toEqual(["all"]);
  });

  it.each([
    [["--bogus"], "unknown option --bogus (see cbh replay --help)"],
    [["-x"], "unknown option -x (see cbh replay --help)"],
    [["--sed", "1"], "unknown option --sed; did you mean --seed? (see cbh replay --help)"],
    [["--jsno"], "unknown option --jsno; did you mean --json? (see cbh replay --help)"],
    [["--seed"], "--seed needs a value (see cbh replay --help)"],
    [
      ["--seed", "--json"],
      "--seed needs a value, got the option '--json' (write --seed=--json for a value starting with '-') (see cbh replay --help)",
    ],
    [["--json=yes"], "--json takes no value (see cbh replay --help)"],
    [["full-backup"], "unexpected argument 'full-backup' (see cbh replay --help)"],
  ])("%j → %s", (args, message) => {
    const text = errorOf(args);
    expect(text).toBe(message);
    expect(text).not.toMatch(/ERR_PARSE_ARGS|positional argument starting with/);
  });

  it("an inherited property name is not an option (--constructor, --toString)", () => {
    expect(errorOf(["--constructor"])).toBe("unknown option --constructor (see cbh replay --help)");
    expect(errorOf(["--toString"])).toBe("unknown option --toString (see cbh replay --help)");
  });
});
