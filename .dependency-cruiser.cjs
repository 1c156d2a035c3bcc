/**
 * The layering check of `npm run lint` (issue 8). Layers, lowest first; a module may import its
 * own layer and any layer below it, never one above (docs/architecture.md draws this):
 *
 *   lib/text ← lib/jobs ← lib/stores/contract ← lib/format ← lib/stores ← lib/backends ← lib/openstack ← lib/remote ← lib/diff ← sim ← conformance | scenarios ← reports ← bin
 *
 * fixtures/ and scripts/ may import anything but bin/. Tests (`*.test.ts`, `*.int.test.ts`) and
 * `testing/` folders may import across layers, but nothing in production code may import them.
 * Outside lib/, production code imports a library through its barrel (`index.ts`) only.
 *
 * Draw the graph: npx depcruise lib sim conformance scenarios reports bin --include-only '^(lib|sim|conformance|scenarios|reports|bin)/' --collapse '^(lib/[^/]+|[^/]+)/' --output-type mermaid
 */

/** Lowest first. `path` matches the layer's files; contract is carved out of lib/stores. */
const LAYERS = [
  { name: "lib/text", path: "^lib/text/" },
  { name: "lib/jobs", path: "^lib/jobs/" },
  { name: "lib/stores/contract", path: "^lib/stores/contract/" },
  { name: "lib/format", path: "^lib/format/" },
  { name: "lib/stores", path: "^lib/stores/" },
  { name: "lib/backends", path: "^lib/backends/" },
  { name: "lib/openstack", path: "^lib/openstack/" },
  { name: "lib/remote", path: "^lib/remote/" },
  { name: "lib/diff", path: "^lib/diff/" },
  { name: "sim", path: "^sim/" },
  { name: "conformance", path: "^conformance/" },
  { name: "scenarios", path: "^scenarios/" },
  { name: "reports", path: "^reports/" },
  { name: "bin", path: "^bin/" },
];

/**
 * Libraries and their public barrels. lib/stores' network clients (swift, s3, gcs) are loaded on
 * demand by `openStore` and are not in its barrel; tests import them from their folders.
 */
const LIBRARIES = [
  { name: "lib/text", barrels: ["lib/text/index.ts"] },
  { name: "lib/jobs", barrels: ["lib/jobs/index.ts"] },
  { name: "lib/format", barrels: ["lib/format/index.ts"] },
  { name: "lib/stores/contract", barrels: ["lib/stores/contract/index.ts"], friends: ["^lib/stores/"] },
  // The network clients are entry points of their own (the barrel never loads an HTTP client).
  {
    name: "lib/stores",
    barrels: [
      "lib/stores/index.ts",
      "lib/stores/swift/swift-object-store.ts",
      "lib/stores/swift/swift-auth.ts",
      "lib/stores/s3/s3-object-store.ts",
      "lib/stores/gcs/gcs-object-store.ts",
      "lib/stores/gcs/gcs-token-source.ts",
    ],
    inner: ["^lib/stores/contract/"],
  },
  // containers.ts: docker client, run ids, cleanup — without loading testcontainers
  { name: "lib/backends", barrels: ["lib/backends/index.ts", "lib/backends/containers.ts", "lib/backends/fault-proxy/index.ts"] },
  { name: "lib/openstack", barrels: ["lib/openstack/index.ts"] },
  { name: "lib/remote", barrels: ["lib/remote/index.ts"] },
  { name: "lib/diff", barrels: ["lib/diff/index.ts"] },
];

/** Layers of equal rank that must not import each other. */
const PEERS = [["conformance", "scenarios"]];

/** Test code: free to cross layers. */
const TESTS = "(\\.test\\.ts$|/testing/)";

/** Benchmark scripts (`bench-*.ts`, run by `npm run bench:*`) may use testing/ helpers, like tests. */
const BENCHES = "/bench-[^/]+\\.ts$";

/**
 * Deliberate type-only cycles, the only ones allowed (docs/architecture.md lists them too):
 * each one closes through an `import type`, so no module runs before its dependency.
 */
const TYPE_ONLY_CYCLES = [
  // commands import `type Command` from the registry, which loads them by dynamic import
  "^bin/cli/",
  // a service's operation modules take the service as a `type` (their `this`); the service calls them
  "^sim/services/backup/",
  "^sim/services/volume/",
  // a route's `Links`/`Call` types and the list-query helpers that build them
  "^sim/rest/",
  // the facade's `inspect.invariants` is typed by `checkInvariants`, which reads the implementation
  "^sim/cloud/",
  // a protocol driver's store bindings take its `CinderOptions` type; it loads them on demand
  "^conformance/drivers/",
];

/** Temporary exceptions while a move is under way (none now; the shape is kept for the next one). */
const TEMP_EXCEPTIONS = [];

const rank = (name) => {
  if (name === "scenarios") return LAYERS.findIndex((l) => l.name === "conformance");
  return LAYERS.findIndex((l) => l.name === name);
};

/** Files of `name` proper (lib/stores minus its contract). */
const layerPathNot = (name) => (name === "lib/stores" ? [TESTS, "^lib/stores/contract/"] : [TESTS]);

const upward = LAYERS.flatMap((from) => {
  const higher = LAYERS.filter(
    (to) => rank(to.name) > rank(from.name) && !(from.name === "lib/stores/contract" && to.name === "lib/stores"),
  );
  const higherPaths = higher.map((h) => h.path);
  // lib/stores/contract sits below lib/stores, whose path contains it: name lib/stores' other files.
  if (from.name === "lib/stores/contract") higherPaths.push("^lib/stores/(?!contract/)");
  if (higherPaths.length === 0) return [];
  // lower layers nested in a higher one's folder (lib/stores/contract in lib/stores) stay allowed
  const lower = LAYERS.filter((l) => rank(l.name) <= rank(from.name)).map((l) => l.path);
  const name = `layer-${from.name.replace(/\//g, "-")}`;
  const comment = `${from.name} may not import a higher layer (${higher.map((h) => h.name).join(", ")}): see docs/architecture.md`;
  const temps = TEMP_EXCEPTIONS.filter((t) => t.layer === from.name);
  return [
    {
      name,
      comment,
      severity: "error",
      from: { path: from.path, pathNot: [...layerPathNot(from.name), ...temps.map((t) => t.from)] },
      to: { path: higherPaths, pathNot: lower },
    },
    // the excepted files: still checked like their layer, except for the one excepted target
    ...temps.map((t) => ({
      name: t.name,
      comment: `${comment} (TEMP(issue 8): except ${t.to})`,
      severity: "error",
      from: { path: t.from, pathNot: layerPathNot(from.name) },
      to: { path: higherPaths, pathNot: [...lower, t.to] },
    })),
  ];
});

const peers = PEERS.flatMap(([a, b]) => [
  [a, b],
  [b, a],
]).map(([a, b]) => ({
  name: `no-${a}-to-${b}`,
  comment: `${a} and ${b} are peers: a piece both need moves down into sim or lib`,
  severity: "error",
  from: { path: `^${a}/`, pathNot: TESTS },
  to: { path: `^${b}/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    ...peers,
    {
      name: "fixtures-scripts-not-bin",
      comment: "fixtures/ and scripts/ (generators, benches) may import any layer but bin/",
      severity: "error",
      from: { path: "^(fixtures|scripts)/", pathNot: TESTS },
      to: { path: "^bin/" },
    },
    {
      name: "no-production-to-tests",
      comment: "production code never depends on tests or testing/ helpers",
      severity: "error",
      from: { pathNot: [TESTS, BENCHES] },
      to: { path: TESTS },
    },
    ...LIBRARIES.map((lib) => ({
      name: `through-barrel-${lib.name.replace(/\//g, "-")}`,
      comment: `outside ${lib.name}, production code imports it through ${lib.barrels.join(" or ")}`,
      severity: "error",
      from: { pathNot: [TESTS, `^${lib.name}/`, ...(lib.friends ?? [])] },
      to: { path: `^${lib.name}/`, pathNot: [...lib.barrels.map((b) => `^${b.replace(/\./g, "\\.")}$`), ...(lib.inner ?? [])] },
    })),
    {
      name: "no-circular",
      comment: "no import cycles",
      severity: "error",
      from: { pathNot: TYPE_ONLY_CYCLES },
      to: { circular: true },
    },
    {
      name: "no-circular-but-type-only",
      comment: "in the folders of TYPE_ONLY_CYCLES, a cycle must close through an `import type`",
      severity: "error",
      from: { path: TYPE_ONLY_CYCLES },
      to: { circular: true, dependencyTypesNot: ["type-only"], viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "not-to-unresolvable",
      comment: "every import resolves",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|reports/out|fixtures/golden/sets|\\.ci|\\.cache)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
    reporterOptions: {
      dot: { collapsePattern: "^(lib/[^/]+|[^/]+)/" },
    },
  },
};
