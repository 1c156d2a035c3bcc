/**
 * What the main thread sends a worker: one task, tagged with its place in the plan; or what another
 * worker shared (`serveTasks`' `share`), forwarded as it came; or, first, the pool's `init` to a
 * worker started before its pool (prestart.ts).
 */
export type TaskMessage<T> = { readonly slot: number; readonly task: T } | { readonly shared: unknown } | { readonly init: unknown };

/**
 * What a worker sends back: the task's result, or the error that stopped it (plain, cloneable),
 * with what it shares with the other workers, if anything; first, that it has loaded (`ready`).
 */
export type TaskReply<R> =
  | { readonly ready: true }
  | { readonly slot: number; readonly result: R; readonly share?: unknown }
  | { readonly slot: number; readonly error: { readonly message: string; readonly code?: string }; readonly share?: unknown };
