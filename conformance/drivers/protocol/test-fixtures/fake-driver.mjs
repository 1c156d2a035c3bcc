#!/usr/bin/env node
// A tiny driver speaking the driver protocol (docs/driver-protocol.md), for the protocol's
// unit tests: whole-volume "backups" kept in memory; MODE (argv[2]) makes it misbehave.
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { createInterface } from "node:readline";

const mode = process.argv[2] ?? "good";
const backups = new Map();
const waiting = new Map();
let nextId = 1;
// The socket transport when the harness names one (a shim in a container), unless MODE ignores it.
const socketPath = mode === "ignore-socket" ? undefined : process.env.CBH_PROTOCOL_SOCKET;
const channel = socketPath ? connect(socketPath) : null;
const out = channel ?? process.stdout;
const send = (m) => out.write(`${JSON.stringify(m)}\n`);
const call = (method, params) =>
  new Promise((resolve) => {
    const id = `d${nextId++}`;
    waiting.set(id, resolve);
    send({ jsonrpc: "2.0", id, method, params });
  });
const fail = (exception, message) => Object.assign(new Error(message), { exception });

if (mode === "exit-at-start") {
  process.stderr.write("Traceback (most recent call last):\nModuleNotFoundError: No module named 'nosuchmodule'\n");
  process.exit(1);
}

const methods = {
  async describe() {
    if (mode === "bad-describe") return { protocol: 1, class_path: "fake.Driver" };
    if (mode === "old-protocol") return { protocol: 0 };
    return {
      protocol: 1,
      class_path: "fake.WholeVolumeDriver",
      format: null,
      geometry: { object_size: 262144, block_size: 32768 },
      capabilities: {
        incremental: false,
        force_delete: false,
        restore_cancel: true,
        compression: ["none"],
        export_import: true,
        sparse_aware: false,
        encryption: false,
      },
    };
  },
  async check_for_setup_error() {
    return {};
  },
  async backup(p) {
    process.stderr.write(`backing up ${p.backup.id}\n`);
    if (mode === "crash-on-backup") {
      process.stderr.write("Segmentation fault (core dumped)\n");
      process.exit(139);
    }
    if (mode === "hang-on-backup") return new Promise(() => undefined);
    if (mode === "garbage-on-backup") {
      process.stdout.write("DEBUG: connecting to swift\n");
      return new Promise(() => undefined);
    }
    if (mode === "malformed-backup") return { nothing: true };
    if (mode === "raise-on-backup") throw fail("InvalidBackup", "Invalid backup: volume is on fire.");
    // a long backup that calls back every 600 ms (a chunked driver's refresh per object), then one that goes silent
    if (mode === "slow-backup" || mode === "slow-then-silent-backup")
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 600));
        await call("backup.refresh", { context: p.context, id: p.backup.id });
      }
    if (mode === "slow-then-silent-backup") return new Promise(() => undefined);
    const refreshed = await call("backup.refresh", { context: p.context, id: p.backup.id });
    if (refreshed.result.backup.status !== "creating") return { updates: null };
    await call("backup.save", {
      context: p.context,
      id: p.backup.id,
      values: { container: "fake-container", service_metadata: "fake-prefix" },
    });
    backups.set(p.backup.id, readFileSync(p.volume.path));
    // the driver call's own seconds, as cbh_shim reports them (optional in the protocol)
    return { updates: null, timing: { driver_seconds: 0.25, driver_cpu_seconds: 0.125 } };
  },
  async restore(p) {
    const refreshed = await call("backup.refresh", { context: p.context, id: p.backup.id });
    if (refreshed.result.backup.status !== "restoring") throw fail("BackupRestoreCancel", "Canceled backup restore");
    writeFileSync(p.volume.path, backups.get(p.backup.id));
    if (mode === "grow-on-restore") writeFileSync(p.volume.path, "x", { flag: "a" });
    return { flushed: true };
  },
  async delete_backup(p) {
    backups.delete(p.backup.id);
    return {};
  },
  async export_record() {
    return { driver_info: {} };
  },
  async import_record() {
    return {};
  },
};

if (channel) channel.on("end", () => process.exit(0));
if (socketPath) process.stdout.write("fake driver: the protocol is on the socket; stdout is for logs\n");
createInterface({ input: channel ?? process.stdin }).on("line", async (line) => {
  const msg = JSON.parse(line);
  if (!msg.method) {
    waiting.get(msg.id)?.(msg);
    waiting.delete(msg.id);
    return;
  }
  try {
    const result = await methods[msg.method](msg.params);
    send({ jsonrpc: "2.0", id: msg.id, result });
  } catch (e) {
    send({ jsonrpc: "2.0", id: msg.id, error: { code: -32000, message: e.message, data: { exception: e.exception ?? "Exception" } } });
  }
});
