#!/usr/bin/env node
// cbh: the cinder-backup-harness CLI. Loads the TypeScript sources through tsx.
import { register } from "tsx/esm/api";
register();
const { main } = await import("./cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
