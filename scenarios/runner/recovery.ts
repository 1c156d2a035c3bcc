import type { RunContext } from "./run-context.ts";
import { clearStoreHooks, service, startProcess, stopProcess } from "./fault-actions.ts";
import type { Nemesis } from "./nemesis.ts";

const EVENTS = 2_000_000;

/**
 * The liveness phase (TigerBeetle's `transition_to_liveness_mode`): let the fault schedule
 * finish, then heal every partition and message fault, clear store faults, start every stopped
 * service, restart what the scenario's operator restarts, and settle. Returns false when the
 * cloud would not go quiet.
 */
export async function recover(ctx: RunContext, nemesis: Nemesis): Promise<boolean> {
  const { cloud, scenario } = ctx;
  await cloud.settle({ maxEvents: EVENTS });
  nemesis.disarm();
  ctx.note("state", "recovery: fault schedule over");
  if (scenario.recovery.heal) {
    for (const heal of [...ctx.active]) heal();
    ctx.active.clear();
    clearStoreHooks(ctx);
    for (const svc of cloud.faults.serviceStates()) {
      if (svc.running) continue;
      ctx.note("state", `recovery: start ${svc.binary}@${svc.host}`);
      startProcess(ctx, svc);
    }
    await cloud.settle({ maxEvents: EVENTS });
  }
  for (const r of scenario.recovery.restart) {
    const svc = service(ctx, r);
    ctx.note("state", `recovery: restart ${svc.binary}@${svc.host} (init_host cleanup)`);
    stopProcess(ctx, svc);
    startProcess(ctx, svc);
    await cloud.settle({ maxEvents: EVENTS });
  }
  await quiesce(ctx);
  return cloud.inspect.pendingWork() <= 0;
}

/**
 * Settles, then runs two more `rpc_response_timeout`s of virtual time so that an event a
 * miscounted settle left behind (see runUntil) still runs, then settles again.
 */
export async function quiesce(ctx: RunContext): Promise<void> {
  await ctx.cloud.settle({ maxEvents: EVENTS });
  await ctx.cloud.advance(2 * ctx.cloud.inspect.config.rpc_response_timeout * 1000);
  await ctx.cloud.settle({ maxEvents: EVENTS });
}
