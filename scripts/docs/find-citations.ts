/**
 * Finds `§N` citations in a text file and says which project document each one points at:
 * the nearest preceding `spec`, `guide` or `sources` on the same line decides, and a bare `§N`
 * (test names such as `it("§9.13 …")`) cites the spec. `§9 #23`, `§2.3 row 6` and `§1.7 items 2–3`
 * address the numbered case, row or item of that section.
 */
export type ReferenceDoc = "spec" | "guide" | "sources";

export interface Citation {
  readonly file: string;
  readonly line: number;
  readonly doc: ReferenceDoc;
  readonly address: string;
}

const CITATION = /§\s?(\d+(?:\.\d+)*)(?:\s*(?:#|rows?\s+|items?\s+)(\d+))?/g;
const KEYWORD = /\b(spec|guide|sources)\b/gi;

export function citationsIn(text: string, file: string): Citation[] {
  const out: Citation[] = [];
  text.split("\n").forEach((content, i) => {
    for (const m of content.matchAll(CITATION)) {
      const [, section = "", item] = m;
      out.push({ file, line: i + 1, doc: docBefore(content.slice(0, m.index)), address: item ? `${section}.${item}` : section });
    }
  });
  return out;
}

function docBefore(prefix: string): ReferenceDoc {
  let doc: ReferenceDoc = "spec";
  for (const k of prefix.matchAll(KEYWORD)) doc = (k[1] ?? "spec").toLowerCase() as ReferenceDoc;
  return doc;
}
