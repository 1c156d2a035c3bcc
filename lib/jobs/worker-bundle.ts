import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * A worker's task module precompiled into one ES module, so that a worker thread starts without tsx.
 *
 * Through tsx (lib/jobs/ts-worker.mjs) every worker starts its own module-hooks thread and sends each
 * of its ≈ 200 TypeScript modules through it: ≈ 0.55 CPU-s per worker before its first task, against
 * ≈ 0.1 for the same code as one file (measured for the chaos sweep's worker; docs/performance.md).
 *
 * The bundle is built with esbuild (tsx's own compiler, resolved through tsx) with tsx's settings
 * (target the running node, keepNames), packages left to node and loaded from where they are
 * installed, and kept in a per-user cache directory with the list of its source files; it is rebuilt
 * when one of them changed (size or modification time). A module graph that uses `import.meta`
 * (a path relative to its own file, which a bundle moves: the conformance suite's drivers) is not
 * bundled; lib/jobs' own uses only start a pool, which a task does not. Anything unexpected (no
 * esbuild, a failed build, a cache directory that is not ours) gives null too: the pool then loads
 * TypeScript through tsx as before. `CBH_WORKER_BUNDLE=0` turns bundles off.
 */
export async function workerBundle(taskModule: URL): Promise<URL | null> {
  if (process.env["CBH_WORKER_BUNDLE"] === "0" || taskModule.protocol !== "file:") return null;
  try {
    const dir = cacheDir();
    if (!dir) return null;
    const key = createHash("sha256")
      .update(`${FORMAT} ${process.version} ${esbuildVersion()} ${taskModule.href}`)
      .digest("hex")
      .slice(0, 24);
    const out = join(dir, `${key}.mjs`);
    const inputsFile = join(dir, `${key}.inputs.json`);
    const known = fresh(inputsFile) ?? (await build(fileURLToPath(taskModule), out, inputsFile));
    return known.usable ? pathToFileURL(out) : null;
  } catch {
    return null;
  }
}

/** Bumped when the way bundles are built changes (old ones are then never used). */
const FORMAT = 1;

const requireHere = createRequire(import.meta.url);

/** esbuild as tsx resolves it (tsx depends on it; the project does not name it itself). */
function esbuildPath(): string {
  return createRequire(requireHere.resolve("tsx/package.json")).resolve("esbuild");
}

function esbuildVersion(): string {
  const pkg = join(esbuildPath(), "..", "..", "package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

function cacheDir(): string | null {
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `cbh-worker-bundles-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = statSync(dir);
  // Only code this user wrote is loaded.
  return st.uid === uid && (st.mode & 0o022) === 0 ? dir : null;
}

interface Input {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** What was built: whether the bundle may be used, and its sources as they were then. */
interface Built {
  readonly usable: boolean;
  readonly inputs: Input[];
}

/** The record of the last build when its sources are all as they were then, else null. */
function fresh(inputsFile: string): Built | null {
  let built: Built;
  try {
    built = JSON.parse(readFileSync(inputsFile, "utf8")) as Built;
  } catch {
    return null;
  }
  if (!built.inputs?.length) return null;
  for (const i of built.inputs) {
    try {
      const st = statSync(i.path);
      if (st.size !== i.size || st.mtimeMs !== i.mtimeMs) return null;
    } catch {
      return null;
    }
  }
  return built;
}

/** lib/jobs' own `import.meta` uses: they only start a pool (never done by a task), so they may move. */
const MAY_MOVE = /[/\\]lib[/\\]jobs[/\\](ordered-pool|worker-bundle)\.ts$/;

interface EsbuildPlugin {
  name: string;
  setup(build: {
    onResolve(
      o: { filter: RegExp },
      cb: (args: { path: string; kind: string; resolveDir: string; importer: string; pluginData?: unknown }) => unknown,
    ): void;
    resolve(
      path: string,
      o: { kind: string; resolveDir: string; importer: string; pluginData?: unknown },
    ): Promise<{ path: string; errors: unknown[] }>;
  }): void;
}

interface Esbuild {
  build(o: Record<string, unknown>): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
}

async function build(entry: string, out: string, inputsFile: string): Promise<Built> {
  const esbuild = requireHere(esbuildPath()) as Esbuild;
  const cwd = process.cwd();
  const packages = new Set<string>();
  /** Packages stay separate modules, loaded by node from where esbuild (node's resolution) finds them. */
  const packagesWhereInstalled: EsbuildPlugin = {
    name: "packages-where-installed",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === "resolving" || args.path.startsWith("node:")) return undefined;
        const r = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "resolving",
        });
        if (r.errors.length || !isAbsolute(r.path)) return undefined;
        packages.add(r.path);
        return { path: pathToFileURL(r.path).href, external: true };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: `${out}.${process.pid}.tmp`,
    bundle: true,
    platform: "node",
    format: "esm",
    // What tsx gives each module: the running node's syntax, names kept (class and function names show in errors).
    target: `node${process.versions.node}`,
    keepNames: true,
    minifyWhitespace: true,
    // Packages resolved as node resolves an import: "exports" with node's conditions, else "main" (never "module").
    mainFields: ["main"],
    conditions: [],
    metafile: true,
    logLevel: "silent",
    plugins: [packagesWhereInstalled],
  });
  // The sources, and the packages' entry files (a package moved or updated: rebuilt, never a broken import).
  const inputs: Input[] = [...Object.keys(result.metafile.inputs).filter((p) => !p.includes(":")), ...packages].map((p) => {
    const path = resolve(cwd, p);
    const st = statSync(path);
    return { path, size: st.size, mtimeMs: st.mtimeMs };
  });
  const sources = inputs.filter((i) => !packages.has(i.path));
  const usable = !sources.some((i) => !MAY_MOVE.test(i.path) && readFileSync(i.path, "utf8").includes("import.meta"));
  const built: Built = { usable, inputs };
  renameSync(`${out}.${process.pid}.tmp`, out);
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(built));
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  return built;
}
