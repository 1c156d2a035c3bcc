import { ConfigError, resolveConfig, type Topology } from "../../sim/cloud/index.ts";
import type { Scenario, ServiceRef, Step, Where } from "./scenario.ts";
import { ScenarioError } from "./scenario-error.ts";
import type { Cursor } from "./yaml-cursor.ts";

type Kind = "volume" | "snapshot" | "backup";

/**
 * Static checks across the file: every ref is defined (by an earlier step) before it is used
 * and is of the right kind, AZs and hosts exist in the topology, config options are cinder's.
 */
export function checkRefs(s: Scenario, root: Cursor, topology: Topology): void {
  const fail = (where: Where, msg: string): never => {
    throw new ScenarioError(s.file, where, msg);
  };
  try {
    resolveConfig(s.config);
  } catch (e) {
    const key = e instanceof ConfigError ? e.option : undefined;
    fail(
      key && root.get("config").has(key) ? root.get("config").get(key).where : root.get("config").where,
      `config: ${(e as Error).message}`,
    );
  }
  const zones = new Set(topology.zones.map((z) => z.name));
  const hosts = new Set<string>([topology.apiHost ?? "controller", topology.schedulerHost ?? "controller"]);
  for (const z of topology.zones)
    for (const h of [...z.volumeBackends.map((b) => b.host), ...z.backupHosts.map((b) => b.host)]) hosts.add(h);
  const defined = new Map<string, Kind>();
  const az = (where: Where, name: string | null) => {
    if (name !== null && !zones.has(name)) fail(where, `unknown availability zone '${name}'; the topology has: ${[...zones].join(", ")}`);
  };
  const use = (where: Where, ref: string, kind: Kind | null, known: Map<string, Kind>) => {
    const k = known.get(ref);
    if (!k) fail(where, `'${ref}' is used before a step defines it`);
    if (kind && k !== kind) fail(where, `'${ref}' is a ${k}, not a ${kind}`);
  };
  const define = (where: Where, ref: string, kind: Kind, into: Map<string, Kind>) => {
    if (defined.has(ref) || into.has(ref)) fail(where, `'${ref}' is defined twice`);
    into.set(ref, kind);
  };
  const visit = (st: Step, known: Map<string, Kind>, into: Map<string, Kind>) => {
    const a = st.action;
    const w = st.where;
    switch (a.kind) {
      case "volume":
        az(w, a.az);
        define(w, a.as, "volume", into);
        break;
      case "write":
        use(w, a.volume, "volume", known);
        break;
      case "snapshot":
        use(w, a.volume, "volume", known);
        define(w, a.as, "snapshot", into);
        break;
      case "backup":
        use(w, a.volume, "volume", known);
        if (a.snapshot) use(w, a.snapshot, "snapshot", known);
        az(w, a.az);
        define(w, a.as, "backup", into);
        break;
      case "restore":
        use(w, a.backup, "backup", known);
        if (a.to) use(w, a.to, "volume", known);
        if (a.as) define(w, a.as, "volume", into);
        break;
      case "delete":
      case "cancel":
      case "cancel_restore":
      case "reset_status":
      case "export":
      case "import":
        use(w, a.backup, "backup", known);
        break;
      case "reset_volume":
        use(w, a.volume, "volume", known);
        break;
      case "wait":
        use(w, a.ref, null, known);
        break;
      case "expect":
        for (const [ref, e] of Object.entries(a.statuses)) use(e.where, ref, null, known);
        break;
      case "parallel": {
        const group = new Map<string, Kind>();
        for (const inner of a.steps) visit(inner, known, group);
        for (const [k, v] of group) into.set(k, v);
        break;
      }
      default:
        break;
    }
  };
  for (const st of [...s.workload, ...s.afterRecovery]) {
    const fresh = new Map<string, Kind>();
    visit(st, defined, fresh);
    for (const [k, v] of fresh) defined.set(k, v);
  }
  for (const [ref, e] of Object.entries(s.expect)) use(e.where, ref, null, defined);
  const service = (where: Where, r: ServiceRef) => {
    const t = /^\{([A-Za-z][A-Za-z0-9_-]*)\.host\}$/.exec(r.host);
    if (t) use(where, t[1]!, "backup", defined);
    else if (!hosts.has(r.host)) fail(where, `unknown host '${r.host}'; the topology has: ${[...hosts].join(", ")}`);
  };
  for (const f of s.faults) {
    const a = f.action;
    if (a.kind === "partition") for (const z of a.between) az(f.where, z);
    if (a.kind === "crash" || a.kind === "start" || a.kind === "restart") service(f.where, a.service);
    if (a.kind === "lose_object") use(f.where, a.backup, "backup", defined);
    if (f.trigger.kind === "trace")
      for (const m of f.trigger.contains.matchAll(/\{([^}]*)\}/g)) use(f.where, m[1]!.split(".")[0]!, null, defined);
  }
  for (const r of s.recovery.restart) service(root.get("recovery").where, r);
}
