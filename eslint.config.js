// Lint: TypeScript rules plus the determinism rule for sim/ (brief: nothing under sim/ reads
// wall-clock time, Math.random, real timers or crypto.randomUUID; time and randomness are injected).
import tseslint from "typescript-eslint";

const nondeterminism = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "sim/ is deterministic: use the injected VirtualClock, not Date.now()." },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "sim/ is deterministic: use the injected VirtualClock, not new Date()." },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "sim/ is deterministic: draw from a named Prng stream, not Math.random." },
  { selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate|queueMicrotask)$/]", message: "sim/ is deterministic: schedule on the Scheduler, not real timers." },
  { selector: "MemberExpression[property.name=/^(randomUUID|randomBytes|getRandomValues|randomInt)$/]", message: "sim/ is deterministic: derive ids from the seeded IdFactory." },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: "sim/ is deterministic: use the VirtualClock." },
  { selector: "MemberExpression[object.name='process'][property.name=/^(hrtime|uptime)$/]", message: "sim/ is deterministic: use the VirtualClock." },
];

const reportsUpward = { group: ["**/reports/**"], message: "reports/ plugs into the runners, not the other way round: define the type on the runner's side (e.g. conformance/runner/reporter.ts)." };

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
    files: ["sim/**/*.ts"],
    ignores: ["sim/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": ["error", ...nondeterminism],
      "no-restricted-imports": ["error", { paths: [
        { name: "node:timers", message: "sim/ is deterministic: use the Scheduler." },
        { name: "node:timers/promises", message: "sim/ is deterministic: use the Scheduler." },
      ], patterns: [reportsUpward] }],
    },
  },
  {
    // Plugins plug into the runner: conformance/ and scenarios/ define their result and reporter
    // types; reports/ implements them and bin/ chooses which run.
    files: ["conformance/**/*.ts", "scenarios/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [reportsUpward] }] },
  },
);
