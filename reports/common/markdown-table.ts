import { mdCell } from "./escape.ts";

/**
 * A GitHub-flavoured Markdown table: header, separator (`---`, or `---:` for right-aligned
 * columns), one line per row. Every cell is escaped with `mdCell` (pipes, newlines).
 */
export function markdownTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: ReadonlyArray<"left" | "right"> = [],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  const sep = `|${head.map((_, i) => (align[i] === "right" ? "---:" : "---")).join("|")}|`;
  return [line(head), sep, ...rows.map(line)];
}
