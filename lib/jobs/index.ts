/** Work on every core and across machines: an ordered worker-thread pool and seed-stable shards. */
export { runOrdered, type OrderedPoolOptions } from "./ordered-pool.ts";
export { prestartWorkers, releasePrestarted, takePrestarted } from "./prestart.ts";
export { runOrderedLanes, type OrderedLanesOptions } from "./ordered-lanes.ts";
export { serveTasks, type TaskSharing } from "./serve-tasks.ts";
export { inShard, parseShard, stableKey, type Shard } from "./shard.ts";
export type { TaskMessage, TaskReply } from "./task-message.ts";
export { tuneTiering } from "./tiering.ts";
