import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { danglingCitations } from "./check-citations.ts";
import { addressesOf } from "./doc-addresses.ts";
import { citationsIn } from "./find-citations.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("spec, guide and sources citations resolve to docs/", () => {
  it("every § citation in the repository names a section, row or item that exists", () => {
    const { checked, dangling } = danglingCitations(ROOT);
    expect(checked).toBeGreaterThan(300);
    expect(dangling.map((d) => `${d.file}:${d.line}: ${d.doc} §${d.address} is not in ${d.docFile}`)).toEqual([]);
  });

  it("reads headings, numbered table rows and list items as addresses", () => {
    const doc = [
      "## 2. State machines",
      "### 2.3 Restore",
      "| # | a |",
      "|---|---|",
      "| 6 | x |",
      "## 9. Cases",
      "### Create",
      "13. quota",
      "| 3.1.6 | edge |",
    ].join("\n");
    expect([...addressesOf(doc)].sort()).toEqual(["2", "2.3", "2.3.6", "3.1.6", "9", "9.13"]);
  });

  it("assigns each citation to the nearest preceding document name", () => {
    const found = citationsIn('guide: "§3.3 (cancel), spec §6" — sources §4 rows 6–7, §9 #23\nit("§9.13 x")', "f.ts");
    expect(found.map((c) => `${c.doc} ${c.address} @${c.line}`)).toEqual([
      "guide 3.3 @1",
      "spec 6 @1",
      "sources 4.6 @1",
      "sources 9.23 @1",
      "spec 9.13 @2",
    ]);
  });

  it("a citation of a section the spec does not have is reported", () => {
    const spec = addressesOf("## 9. Cases\n1. a\n2. b");
    const cited = citationsIn("// spec §9.99 and §9.2", "x.ts");
    expect(cited.filter((c) => !spec.has(c.address)).map((c) => c.address)).toEqual(["9.99"]);
  });
});
