import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runOrdered } from "./ordered-pool.ts";
import { workerBundle } from "./worker-bundle.ts";

const SQUARE = new URL("./testing/square-tasks.ts", import.meta.url);
const META = new URL("./testing/meta-tasks.ts", import.meta.url);
const SERVE = fileURLToPath(new URL("./serve-tasks.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cbh-bundle-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("worker task modules precompiled into one file (no tsx in the workers)", () => {
  it("bundles a task module once and reuses it; a worker runs it without tsx", async () => {
    const a = await workerBundle(SQUARE);
    expect(a?.protocol).toBe("file:");
    expect(await workerBundle(SQUARE)).toEqual(a);
    const seen: number[] = [];
    await runOrdered<{ n: number }, { sq: number }, { base: number }>({
      taskModule: SQUARE,
      init: { base: 0 },
      tasks: [{ n: 3 }, { n: 4 }],
      jobs: 2,
      emit: (r) => (seen.push(r.sq), true),
    });
    expect(seen).toEqual([9, 16]);
  }, 60_000);

  it("rebuilds when a source changed, and leaves graphs that use import.meta (and CBH_WORKER_BUNDLE=0) to tsx", async () => {
    const file = join(dir, "tasks.ts");
    const write = (k: number, mtime: number) => {
      writeFileSync(file, `import { serveTasks } from ${JSON.stringify(SERVE)};\nserveTasks(async () => ${k});\n`);
      utimesSync(file, mtime, mtime);
    };
    write(1, 1_000_000);
    const url = await workerBundle(pathToFileURL(file));
    expect(readFileSync(url!, "utf8")).toContain("=>1)");
    write(2, 2_000_000);
    expect(await workerBundle(pathToFileURL(file))).toEqual(url);
    expect(readFileSync(url!, "utf8")).toContain("=>2)");
    expect(await workerBundle(META)).toBeNull();
    process.env["CBH_WORKER_BUNDLE"] = "0";
    try {
      expect(await workerBundle(SQUARE)).toBeNull();
    } finally {
      delete process.env["CBH_WORKER_BUNDLE"];
    }
  }, 60_000);
});
