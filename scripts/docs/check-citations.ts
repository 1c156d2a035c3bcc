/**
 * Every `spec §N`, `guide §N` and `sources §N` in the repository must name something that exists
 * in `docs/spec.md`, `docs/guide.md` or `docs/sources.md`. Used by `citations.test.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { addressesOf } from "./doc-addresses.ts";
import { citationsIn, type Citation, type ReferenceDoc } from "./find-citations.ts";

const DOC_FILES: Record<ReferenceDoc, string> = { spec: "docs/spec.md", guide: "docs/guide.md", sources: "docs/sources.md" };
const SCANNED = /\.(ts|js|mjs|cjs|py|ya?ml|md|sh)$/;
const SKIPPED_DIRS = new Set(["node_modules", ".git", "out", "sets", ".cache"]);
/** This folder's own sources and tests cite made-up sections on purpose. */
const SELF = "scripts/docs/";

export interface Dangling extends Citation {
  readonly docFile: string;
}

export function danglingCitations(root: string): { checked: number; dangling: Dangling[] } {
  const addresses = Object.fromEntries(
    Object.entries(DOC_FILES).map(([doc, file]) => [doc, addressesOf(readFileSync(join(root, file), "utf8"))]),
  ) as Record<ReferenceDoc, Set<string>>;
  const citations = textFiles(root)
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith(SELF))
    .flatMap((f) => citationsIn(readFileSync(join(root, f), "utf8"), f));
  const dangling = citations.filter((c) => !addresses[c.doc].has(c.address)).map((c) => ({ ...c, docFile: DOC_FILES[c.doc] }));
  return { checked: citations.length, dangling };
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : textFiles(join(dir, e.name));
    return e.isFile() && SCANNED.test(e.name) ? [join(dir, e.name)] : [];
  });
}
