// Entry of a sweep worker thread: loads the TypeScript sources through tsx, as bin/cbh.js does.
import { register } from "tsx/esm/api";
register();
await import("./sweep-worker.ts");
