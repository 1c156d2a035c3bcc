/** The conformance worker thread's module (suite-worker.ts), named without loading the suite. */
export const SUITE_WORKER = new URL("./suite-worker.ts", import.meta.url);
