import type { RpcMethod } from "../bus/rpc-api.ts";
import type { BackupRpcApi } from "./backup/backup-rpcapi.ts";
import type { SchedulerRpcApi } from "./scheduler/scheduler-rpcapi.ts";
import type { VolumeRpcApi } from "./volume/volume-rpcapi.ts";

/** Which RPC table each topic's consumers implement (`cinder/common/constants.py` topics). */
export type RpcTopics = {
  "cinder-backup": BackupRpcApi;
  "cinder-volume": VolumeRpcApi;
  "cinder-scheduler": SchedulerRpcApi;
};

export type RpcTopic = keyof RpcTopics;

/** Keyword arguments of `method` on `topic`. */
export type TopicArgs<T extends RpcTopic, M extends keyof RpcTopics[T]> = RpcTopics[T][M] extends RpcMethod<infer A, unknown> ? A : never;
/** What a `call` of `method` on `topic` returns. */
export type TopicResult<T extends RpcTopic, M extends keyof RpcTopics[T]> = RpcTopics[T][M] extends RpcMethod<object, infer R> ? R : never;
