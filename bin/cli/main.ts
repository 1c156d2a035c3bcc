/** `cbh` entry: dispatches to a sub-command module under bin/cli/commands/. */
import { commands } from "./registry.ts";
import { releasePrestarted } from "../../lib/jobs/index.ts";

/** Error codes of bad usage: printed as a plain sentence (exit 2), without the `[CODE]` prefix. */
const USAGE_CODES: ReadonlySet<string> = new Set(["CBH_USAGE", "usage", "CBH_SERVE_USAGE"]);

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    // Asked for: stdout, exit 0. `cbh` alone is a usage error: stderr, exit 2.
    (name ? process.stdout : process.stderr).write(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    process.stderr.write(`cbh: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    await cmd.prestart?.(rest).catch(() => undefined);
    const loaded = await cmd.load();
    if (loaded.usage && (rest.includes("--help") || rest.includes("-h"))) {
      process.stdout.write(loaded.usage.endsWith("\n") ? loaded.usage : `${loaded.usage}\n`);
      return 0;
    }
    return await loaded.run(rest);
  } catch (e) {
    const err = e as Error & { code?: string };
    // Usage errors read as a sentence; other errors keep their code, e.g. `[CHAOS_BAD_SCENARIO]`.
    process.stderr.write(`cbh ${name}: ${err.code && !USAGE_CODES.has(err.code) ? `[${err.code}] ` : ""}${err.message}\n`);
    if (process.env["CBH_DEBUG"]) process.stderr.write(`${err.stack}\n`);
    return 2;
  } finally {
    // Workers `prestart` started that no pool took (the command ended first, or ran in one thread).
    await releasePrestarted();
  }
}

function usage(): string {
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(14)} ${c.summary}`);
  return `usage: cbh <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}
