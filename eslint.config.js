// Lint: TypeScript rules plus the determinism rule for sim/, lib/format and the memory store of
// lib/stores (brief: nothing there reads wall-clock time, Math.random, real timers or
// crypto.randomUUID; time and randomness are injected). The layering check is dependency-cruiser
// (.dependency-cruiser.cjs), run by `npm run lint` after this; formatting is Prettier's
// (.prettierrc.json, `npm run format`), so eslint-config-prettier turns off the rules it owns.
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const nondeterminism = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "Deterministic code (sim/, lib/format, the memory store): use the injected VirtualClock, not Date.now().",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Deterministic code (sim/, lib/format, the memory store): use the injected VirtualClock, not new Date().",
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: "Deterministic code (sim/, lib/format, the memory store): draw from a named Prng stream, not Math.random.",
  },
  {
    selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate|queueMicrotask)$/]",
    message: "Deterministic code (sim/, lib/format, the memory store): schedule on the Scheduler, not real timers.",
  },
  {
    selector: "MemberExpression[property.name=/^(randomUUID|randomBytes|getRandomValues|randomInt)$/]",
    message: "Deterministic code (sim/, lib/format, the memory store): derive ids from the seeded IdFactory.",
  },
  {
    selector: "MemberExpression[object.name='performance'][property.name='now']",
    message: "Deterministic code (sim/, lib/format, the memory store): use the VirtualClock.",
  },
  {
    selector: "MemberExpression[object.name='process'][property.name=/^(hrtime|uptime)$/]",
    message: "Deterministic code (sim/, lib/format, the memory store): use the VirtualClock.",
  },
];

// The cloud facade (issue 8): only sim/cloud builds and reaches the implementation; the model's
// own white-box tests (sim/tests, sim/cloud) may use sim/cloud/testing.ts; the kernel and the
// services under it never import sim/cloud, and sim/core imports neither.
const timers = [
  { name: "node:timers", message: "Deterministic code (sim/, lib/format, the memory store): use the Scheduler." },
  { name: "node:timers/promises", message: "Deterministic code (sim/, lib/format, the memory store): use the Scheduler." },
];
const cloudImpl = {
  group: ["**/simulated-cloud-impl", "**/simulated-cloud-impl.ts"],
  message: "Drive the model through SimulatedCloud (its inspect and faults facets); the implementation is private to sim/cloud.",
};
const cloudTesting = {
  group: ["**/cloud/testing", "**/cloud/testing.ts"],
  message: "sim/cloud/testing.ts is for the model's own tests (sim/tests, sim/cloud) only.",
};
const cloudRoof = { group: ["**/cloud/*"], message: "The kernel and the services build on sim/kernel, never on sim/cloud (the assembly)." };
const kernelFloor = { group: ["**/kernel/*"], message: "sim/core is below the kernel: it imports neither sim/kernel nor sim/cloud." };
const restrict = (paths, patterns) => ["error", { paths, patterns }];
const reportsUpward = {
  group: ["**/reports/**"],
  message:
    "reports/ plugs into the runners, not the other way round: define the type on the runner's side (e.g. conformance/runner/reporter.ts).",
};

export default tseslint.config(
  { ignores: ["node_modules/**", "reports/out/**", "fixtures/golden/sets/**", "**/*.py", ".ci/**", ".cache/**", "bin/.*"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["sim/**/*.ts", "lib/format/**/*.ts", "lib/stores/contract/**/*.ts", "lib/stores/memory/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...nondeterminism],
      "no-restricted-imports": restrict(timers, [cloudImpl, cloudTesting, reportsUpward]),
    },
  },
  { files: ["**/*.ts"], ignores: ["sim/**"], rules: { "no-restricted-imports": restrict([], [cloudImpl, cloudTesting]) } },
  { files: ["sim/**/*.test.ts"], rules: { "no-restricted-imports": restrict([], [cloudImpl, cloudTesting]) } },
  { files: ["sim/tests/**/*.ts"], rules: { "no-restricted-imports": restrict([], [cloudImpl]) } },
  {
    files: ["sim/cloud/**/*.ts"],
    ignores: ["sim/cloud/**/*.test.ts"],
    rules: { "no-restricted-imports": restrict(timers, [reportsUpward]) },
  },
  { files: ["sim/cloud/**/*.test.ts"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["sim/{kernel,services,api,bus,db,block,driver,drivers,storage,format,errors}/**/*.ts"],
    ignores: ["sim/**/*.test.ts"],
    rules: { "no-restricted-imports": restrict(timers, [cloudImpl, cloudTesting, cloudRoof, reportsUpward]) },
  },
  {
    files: ["sim/core/**/*.ts"],
    ignores: ["sim/**/*.test.ts"],
    rules: { "no-restricted-imports": restrict(timers, [cloudRoof, kernelFloor, reportsUpward]) },
  },
  {
    // Plugins plug into the runner: conformance/ and scenarios/ define their result and reporter
    // types; reports/ implements them and bin/ chooses which run.
    files: ["conformance/**/*.ts", "scenarios/**/*.ts"],
    ignores: ["**/*.test.ts"], // tests may cross layers (as the layering check allows)
    rules: { "no-restricted-imports": restrict([], [cloudImpl, cloudTesting, reportsUpward]) },
  },
  prettier,
);
