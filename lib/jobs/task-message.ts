/** What the main thread sends a worker: one task, tagged with its place in the plan. */
export interface TaskMessage<T> {
  readonly slot: number;
  readonly task: T;
}

/** What a worker sends back: the task's result, or the error that stopped it (plain, cloneable). */
export type TaskReply<R> =
  | { readonly slot: number; readonly result: R }
  | { readonly slot: number; readonly error: { readonly message: string; readonly code?: string } };
