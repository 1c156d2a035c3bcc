/**
 * The shape of an RPC API table, one per service, as cinder's `rpcapi.py` classes are: each
 * method names its keyword arguments and what a `call` returns (a `cast` returns nothing).
 * `CinderService.cast`/`call` and each service's handler table are typed over it, so a wrong
 * method name or argument is a compile error rather than a message nobody handles.
 */
export interface RpcMethod<A extends object, R = void> {
  readonly args: A;
  readonly result: R;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any method table: argument types vary per method
export type RpcApi = { readonly [method: string]: RpcMethod<any, unknown> };

export type RpcArgs<T extends RpcApi, M extends keyof T> = T[M]["args"];
export type RpcResult<T extends RpcApi, M extends keyof T> = T[M]["result"];

/** A service's manager side: one function per method of its table (`epoch` = the process that received it). */
export type RpcHandlers<T extends RpcApi> = {
  readonly [M in keyof T]: (args: T[M]["args"], epoch: number) => Promise<T[M]["result"]> | T[M]["result"];
};
