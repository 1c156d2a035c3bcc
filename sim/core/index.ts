export { VirtualClock, cinderIso, pythonDatetimeStr } from "./virtual-clock.ts";
export { Prng, PrngStream, cyrb128 } from "./prng.ts";
export { IdFactory } from "./id-factory.ts";
export { Scheduler, Signal, Process, Semaphore, type ProcessOutcome } from "./scheduler.ts";
export { TraceRecorder, canonicalLine } from "./trace-recorder.ts";
