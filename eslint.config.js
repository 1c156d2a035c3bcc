// Lint: TypeScript rules plus the determinism rule for sim/, lib/format and the memory store of
// lib/stores (brief: nothing there reads wall-clock time, Math.random, real timers or
// crypto.randomUUID; time and randomness are injected). The layering check is dependency-cruiser
// (.dependency-cruiser.cjs), run by `npm run lint` after this.
import tseslint from "typescript-eslint";

const nondeterminism = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Deterministic code (sim/, lib/format, the memory store): use the injected VirtualClock, not Date.now()." },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Deterministic code (sim/, lib/format, the memory store): use the injected VirtualClock, not new Date()." },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "Deterministic code (sim/, lib/format, the memory store): draw from a named Prng stream, not Math.random." },
  { selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate|queueMicrotask)$/]", message: "Deterministic code (sim/, lib/format, the memory store): schedule on the Scheduler, not real timers." },
  { selector: "MemberExpression[property.name=/^(randomUUID|randomBytes|getRandomValues|randomInt)$/]", message: "Deterministic code (sim/, lib/format, the memory store): derive ids from the seeded IdFactory." },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: "Deterministic code (sim/, lib/format, the memory store): use the VirtualClock." },
  { selector: "MemberExpression[object.name='process'][property.name=/^(hrtime|uptime)$/]", message: "Deterministic code (sim/, lib/format, the memory store): use the VirtualClock." },
];

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
      "no-restricted-imports": ["error", { paths: [
        { name: "node:timers", message: "Deterministic code (sim/, lib/format, the memory store): use the Scheduler." },
        { name: "node:timers/promises", message: "Deterministic code (sim/, lib/format, the memory store): use the Scheduler." },
      ] }],
    },
  },
);
