import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The digest `cbh_tree_sha256` (scripts/ci/docker-env.sh) gives a directory: sha256 of the
 * `sha256sum` lines (`<hex>  ./<path>\n`) of its files in C order, `__pycache__` and `*.pyc`
 * left out. docker-up.sh labels the drivers image with the digest of its build context
 * (`cbh.shim-sha256`), so the harness can tell an image built from another shim.
 */
export function treeSha256(dir: string): string {
  const files: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== "__pycache__") walk(r);
      } else if (e.isFile() && !e.name.endsWith(".pyc")) files.push(`./${r}`);
    }
  };
  walk("");
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const lines = files
    .map(
      (f) =>
        `${createHash("sha256")
          .update(readFileSync(join(dir, f)))
          .digest("hex")}  ${f}\n`,
    )
    .join("");
  return createHash("sha256").update(lines).digest("hex");
}
