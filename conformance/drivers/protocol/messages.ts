import type { BackupRow } from "../../../sim/db/rows.ts";

/** Version of the driver protocol (`docs/driver-protocol.md`); `describe` must answer it. */
export const DRIVER_PROTOCOL_VERSION = 1;

/** A JSON-RPC 2.0 message on one line of the driver process's stdin/stdout. */
export interface RpcRequest {
  jsonrpc: "2.0";
  id?: string | number;
  method: string;
  params?: Record<string, unknown>;
}

export interface RpcErrorObject {
  code: number;
  message: string;
  /** `exception`: the Python exception class name (`BackupRestoreCancel`, `InvalidBackup`, …). */
  data?: { exception?: string; traceback?: string };
}

export interface RpcResponse {
  jsonrpc: "2.0";
  id: string | number;
  result?: unknown;
  error?: RpcErrorObject;
}

/** JSON-RPC error codes the protocol uses (2.0 reserved ones, plus -32000 for a driver exception). */
export const RPC_ERRORS = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  driver: -32000,
} as const;

/** `describe`'s answer. */
export interface DescribeResult {
  protocol: number;
  class_path: string;
  capabilities: {
    incremental: boolean;
    force_delete: boolean;
    restore_cancel: boolean;
    compression: string[];
    export_import: boolean;
    sparse_aware: boolean;
    encryption: boolean;
  };
  geometry: { object_size: number; block_size: number };
  format: "chunked-posix" | "chunked-object" | null;
  /** Optional: the cinder the driver process runs (`21.3.1`, `26.0.0`; the shim reports it). */
  cinder_version?: string;
}

/** The backup row as it travels: `BackupRow` with timestamps as ms since the epoch (UTC). */
export type WireBackup = BackupRow;

/** How a volume travels: a sparse file in the shared directory, by its path as the driver sees it. */
export interface WireVolume {
  id: string;
  path: string;
  size_bytes: number;
}
