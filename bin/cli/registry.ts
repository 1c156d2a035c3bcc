/**
 * Sub-commands of `cbh`. Each lives in its own module and is loaded only when it runs, so one
 * command's dependencies (containers, browsers, HTTP) never slow down or break another.
 * Add a new command as one line: name, summary, loader.
 */
export interface Command {
  summary: string;
  /** Printed (exit 0) for `cbh NAME --help` / `-h` by the dispatcher; commands without it handle --help themselves. */
  usage?: string;
  run(argv: string[]): Promise<number>;
}

export interface LazyCommand {
  readonly summary: string;
  load(): Promise<Command>;
  /**
   * Runs before `load`, from the arguments alone: work that may start while the command's modules
   * load (the conformance suite's worker threads). Never fails the command.
   */
  prestart?(argv: string[]): Promise<void>;
}

export const commands: Record<string, LazyCommand> = {
  replay: {
    summary: "replay the guide's documented workflows on the simulated cloud, step by step",
    load: async () => (await import("./commands/replay.ts")).replay,
  },
  "trace-hash": {
    summary: "print the sha256 of the standard history's canonical trace for a seed",
    load: async () => (await import("./commands/trace-hash.ts")).traceHash,
  },
  serve: {
    summary: "serve the simulated cloud to real OpenStack clients (Keystone v3 + Block Storage v3)",
    load: async () => (await import("./commands/serve.ts")).serve,
  },
  conformance: {
    summary: "run the backup-driver conformance suite (rules, canaries, reports)",
    load: async () => (await import("./commands/conformance.ts")).conformance,
    prestart: async (argv) => void (await import("./commands/conformance-prestart.ts")).prestartConformance(argv),
  },
  compat: {
    summary: "backup compatibility across a cinder upgrade (--from zed --to epoxy): one release writes, the other restores and deletes",
    load: async () => (await import("./commands/compat.ts")).compat,
  },
  store: {
    summary: "list, verify and restore cinder backups from a store (posix dir, swift, s3, gcs; Ceph rbd pool)",
    load: async () => (await import("./commands/store.ts")).store,
  },
  chaos: {
    summary: "chaos scenarios for edge/DCN sites: run FILE|DIR with seeds (VOPR-style sweeps), list the library",
    load: async () => (await import("./commands/chaos.ts")).chaos,
  },
  backend: {
    summary: "start a real backend container (ceph, swift, swift-keystone, gcs, nfs) or a real Zed cloud (cinder) and print its endpoints",
    load: async () => (await import("./commands/backend.ts")).backend,
  },
  diff: {
    summary:
      "differential testing: seeded operation sequences on the simulator and on a real cloud (--cloud, --bundled), compared step by step",
    load: async () => (await import("./commands/diff.ts")).diff,
  },
  report: {
    summary:
      "reports: `report merge DIR... --out DIR` joins shard reports (--shard I/N); `report combine` joins conformance runs into one matrix",
    load: async () => (await import("./commands/report.ts")).report,
  },
  bench: {
    summary: "benchmarks: `bench sim` (simulator throughput), `bench sparse` (mostly-empty volume backups at real geometry); JSON",
    load: async () => (await import("./commands/bench.ts")).bench,
  },
};
