import type { Delivery, MessageInterceptor, RpcMessage } from "../../sim/bus/rpc-message.ts";
import type { StoreOpInfo } from "../../lib/stores/index.ts";
import { formatMs, type FaultAction, type MessageFilter, type ServiceRef } from "../format/index.ts";
import { cutEdgeFromDatabase } from "./partition-heartbeats.ts";
import type { RunContext } from "./run-context.ts";

/** What a fired fault did, and how to undo it (null when there is nothing to heal). */
export interface Applied {
  what: string;
  heal: (() => void) | null;
  /** Cloud ids the fault touched (the trace line is about them). */
  subjects?: readonly string[];
}

/**
 * Applies one fault to the cloud, inside a scheduler event. Network faults are bus
 * interceptors (`MessageBus.intercept`), service faults stop/start processes (a stop is a
 * crash: in-flight work dies at its next wait), store faults arm the MemoryObjectStore.
 */
export function applyFault(ctx: RunContext, a: FaultAction, healAt: number | null): Applied {
  const { cloud } = ctx;
  switch (a.kind) {
    case "partition": {
      const [x, y] = a.between;
      const hook: MessageInterceptor = (_msg, route) => {
        const cut = (route.fromAz === x && route.toAz === y) || (route.fromAz === y && route.toAz === x);
        if (!cut) return undefined;
        if (a.mode === "drop") return { action: "drop", reason: `WAN partition ${x}↔${y}` };
        // The central broker keeps the message; it reaches the other side when the WAN heals.
        return { action: "delay", ms: Math.max(0, (healAt ?? cloud.now()) - cloud.now()) };
      };
      const undo = cloud.faults.intercept(hook);
      // The far side's heartbeats stop reaching the central database too (its services go down
      // after service_down_time, and the API and scheduler stop choosing them).
      const db = cutEdgeFromDatabase(cloud, x, y);
      return {
        what: `WAN partition ${x}↔${y} (${a.mode})${db.hosts.length ? `, heartbeats of ${db.hosts.join(", ")} cut from the database` : ""}`,
        heal: () => {
          undo();
          db.heal?.();
        },
      };
    }
    case "drop":
    case "duplicate":
    case "delay": {
      let left = a.kind === "delay" ? null : a.count;
      const hook: MessageInterceptor = (msg): Delivery | undefined => {
        if (!matches(a.filter, msg) || (left !== null && left <= 0)) return undefined;
        if (a.percent < 100 && !ctx.chaos.chance(a.percent / 100)) return undefined;
        if (left !== null) left--;
        if (a.kind === "drop") return { action: "drop", reason: `chaos drop ${describe(a.filter)}` };
        if (a.kind === "duplicate") return { action: "duplicate" };
        return { action: "delay", ms: ctx.draw(a.ms) };
      };
      return network(
        ctx,
        hook,
        `${a.kind} ${a.percent}% of ${describe(a.filter)}${a.kind !== "delay" && a.count !== null ? ` (at most ${a.count})` : ""}`,
      );
    }
    case "crash":
      stopProcess(ctx, service(ctx, a.service));
      return { what: `crash ${label(ctx, a.service)}`, heal: null };
    case "start":
      startProcess(ctx, service(ctx, a.service));
      return { what: `start ${label(ctx, a.service)}`, heal: null };
    case "restart": {
      const svc = service(ctx, a.service);
      stopProcess(ctx, svc);
      startProcess(ctx, svc);
      return { what: `restart ${label(ctx, a.service)} (init_host cleanup)`, heal: null };
    }
    case "db_loss":
      cloud.faults.dbLoss();
      return { what: "database loss", heal: null };
    case "flaky_store": {
      const nth = ctx.draw(a.nth);
      ctx.store.failOn({
        op: a.op,
        nth,
        times: a.times,
        ...(a.name ? { name: a.name } : {}),
        message: `injected transient failure (chaos): ${a.op} #${nth}`,
      });
      return { what: `flaky store: ${a.op} #${nth} fails ${a.times}×`, heal: () => ctx.store.clearFaults() };
    }
    case "slow_store": {
      const hook = async (info: StoreOpInfo) => {
        if (a.op === "any" || a.op === info.op) await cloud.faults.sleep(ctx.draw(a.ms));
      };
      slowHooks(ctx).add(hook);
      return {
        what: `slow store: ${a.op} +${formatMs(a.ms.min)}${a.ms.max !== a.ms.min ? `..${formatMs(a.ms.max)}` : ""} per operation`,
        heal: () => slowHooks(ctx).delete(hook),
      };
    }
    case "lose_object": {
      const id = ctx.id(a.backup);
      const objs = id ? ctx.store.listAll().filter((o) => o.container.includes(id) || o.name.includes(id)) : [];
      const o = objs[(a.nth - 1) % Math.max(1, objs.length)];
      if (!o) return { what: `lose object of ${a.backup}: none stored`, heal: null };
      ctx.store.loseObject(o.container, o.name);
      return { what: `lost object ${o.container}/${o.name}`, heal: null, subjects: id ? [id] : [] };
    }
  }
}

function network(ctx: RunContext, hook: MessageInterceptor, what: string): Applied {
  const undo = ctx.cloud.faults.intercept(hook);
  return { what, heal: undo };
}

function matches(f: MessageFilter, msg: RpcMessage): boolean {
  return (
    (f.method === null || f.method === msg.method) &&
    (f.topic === null || f.topic === msg.topic) &&
    (f.kind === null || f.kind === msg.kind)
  );
}

function describe(f: MessageFilter): string {
  return [f.kind ?? "messages", f.topic ? `to ${f.topic}` : null, f.method ? `method ${f.method}` : null].filter(Boolean).join(" ");
}

function label(ctx: RunContext, r: ServiceRef): string {
  return `${r.binary}@${ctx.expand(r.host)}`;
}

/** One service of the cloud, by binary and host. */
export interface ServiceId {
  readonly binary: string;
  readonly host: string;
}

export function service(ctx: RunContext, r: ServiceRef): ServiceId {
  const host = ctx.expand(r.host);
  const s = ctx.cloud.faults.serviceStates().find((x) => x.binary === r.binary && x.host === host);
  if (!s) throw new Error(`no ${r.binary} on host ${host}`);
  return { binary: s.binary, host: s.host };
}

/** Crashes a service: its in-flight work dies at its next wait. */
export function stopProcess(ctx: RunContext, svc: ServiceId): void {
  ctx.cloud.faults.stopService(svc.binary, svc.host);
}

/** Starts a stopped service as its own process (`init_host` then consume). */
export function startProcess(ctx: RunContext, svc: ServiceId): void {
  ctx.cloud.faults.launchService(svc.binary, svc.host, `chaos start ${svc.binary} ${svc.host}`);
}

const HOOKS = new WeakMap<RunContext, Set<(i: StoreOpInfo) => Promise<void>>>();

/** The store has one operation hook: the run's slow-store faults share it. */
function slowHooks(ctx: RunContext): Set<(i: StoreOpInfo) => Promise<void>> {
  let set = HOOKS.get(ctx);
  if (!set) {
    const hooks = new Set<(i: StoreOpInfo) => Promise<void>>();
    set = hooks;
    HOOKS.set(ctx, hooks);
    ctx.store.onOperation(async (info) => {
      for (const h of [...hooks]) await h(info);
    });
  }
  return set;
}

/** Removes the store hook entirely (recovery). */
export function clearStoreHooks(ctx: RunContext): void {
  HOOKS.get(ctx)?.clear();
  ctx.store.onOperation(undefined);
  ctx.store.clearFaults();
}
