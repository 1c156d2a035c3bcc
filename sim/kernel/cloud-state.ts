import type { BlockDevice } from "../block/block-device.ts";
import type { MessageBus } from "../bus/message-bus.ts";
import type { IdFactory } from "../core/id-factory.ts";
import type { Prng } from "../core/prng.ts";
import type { Scheduler } from "../core/scheduler.ts";
import type { TraceRecorder } from "../core/trace-recorder.ts";
import type { VirtualClock } from "../core/virtual-clock.ts";
import type { Database } from "../db/database.ts";
import type { QuotaEngine } from "../db/quota-engine.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { ByteAllocator } from "../../lib/format/index.ts";
import type { CloudConfig } from "./config.ts";
import type { ReleaseProfile } from "./release-profile.ts";
import type { ServiceRegistry } from "./service-registry.ts";
import type { UserMessages } from "./user-messages.ts";

/** Everything the services of one simulated cloud share. */
export interface CloudState {
  readonly seed: number;
  readonly clock: VirtualClock;
  readonly sched: Scheduler;
  readonly prng: Prng;
  readonly ids: IdFactory;
  readonly trace: TraceRecorder;
  readonly db: Database;
  readonly quotas: QuotaEngine;
  readonly bus: MessageBus;
  readonly config: CloudConfig;
  readonly release: ReleaseProfile;
  /** Fake block devices by volume or snapshot id. */
  readonly devices: Map<string, BlockDevice>;
  readonly services: ServiceRegistry;
  readonly objectStore: ObjectStore;
  readonly messages: UserMessages;
  /** Keys of the fake key manager (encryption key ids). */
  readonly keys: Set<string>;
  /** Where device content and extents come from (CloudOptions.bytes). */
  readonly bytes: ByteAllocator;
}
