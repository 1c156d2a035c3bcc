import { describe, expect, it } from "vitest";
import { markdownTable } from "./markdown-table.ts";

describe("markdownTable", () => {
  it("header, separator with right-aligned columns, one line per row; pipes and newlines escaped", () => {
    expect(
      markdownTable(
        ["driver", "PASS"],
        [
          ["ref", "3"],
          ["a|b", "line\nbreak"],
          ["", ""],
        ],
        ["left", "right"],
      ),
    ).toEqual(["| driver | PASS |", "|---|---:|", "| ref | 3 |", "| a\\|b | line break |", "|  |  |"]);
  });
});
