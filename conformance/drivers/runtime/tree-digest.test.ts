import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SHIM_DIR } from "../python-runtime.ts";
import { treeSha256 } from "./tree-digest.ts";

describe("treeSha256", () => {
  it("is the digest scripts/ci/docker-env.sh's cbh_tree_sha256 labels the drivers image with", () => {
    const bash = execFileSync("bash", ["-c", '. scripts/ci/docker-env.sh && cbh_tree_sha256 "$1"', "-", SHIM_DIR], {
      encoding: "utf8",
    }).trim();
    expect(bash).toMatch(/^[0-9a-f]{64}$/);
    expect(treeSha256(SHIM_DIR)).toBe(bash);
  });
});
