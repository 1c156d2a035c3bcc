// The verify/restore pipeline: read-ahead, md5 and sha256 side by side (worker thread), restore that verifies as it writes.
export * from "./block-hasher.ts";
export * from "./worker-block-hasher.ts";
export * from "./open-block-hasher.ts";
export * from "./hash-object.ts";
export * from "./read-ahead.ts";
export * from "./restore-verifying.ts";
export * from "./shared-block-hasher.ts";
export * from "./whole-chunk.ts";
export * from "./stream-object.ts";
export * from "./open-streamed.ts";
