import { readFileSync, statSync } from "node:fs";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { Topology } from "../../sim/cloud/simulated-cloud.ts";

/** A topology file that cannot be used; the message names the file and line. */
export class TopologyFileError extends Error {
  readonly code = "CBH_TOPOLOGY_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "TopologyFileError";
  }
}

const MAX_FILE_BYTES = 1024 * 1024;
const NAME = /^[A-Za-z0-9_.@#:-]{1,255}$/;

type Path = Array<string | number>;

/**
 * Loads a `--topology FILE` (YAML, or JSON which is YAML too) into the `Topology` shape of
 * sim/cloud/simulated-cloud.ts, checking every field; errors cite `FILE:LINE:COL`.
 */
export function loadTopologyFile(file: string): Topology {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new TopologyFileError(`${file}: cannot read the topology file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  // A directory, a FIFO or a device (/dev/zero) has no size to check: reading it could hang or never end.
  if (!st.isFile()) throw new TopologyFileError(`${file}: the topology file is not a regular file`);
  const size = st.size;
  if (size > MAX_FILE_BYTES) throw new TopologyFileError(`${file}: the topology file is larger than ${MAX_FILE_BYTES} bytes`);
  return parseTopology(readFileSync(file, "utf8"), file);
}

export function parseTopology(text: string, file: string): Topology {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    // The parser's own message can quote the file (a tag, a directive); cite its code only, so a
    // file that is not a topology at all (`--topology /etc/shadow`) is never echoed.
    throw new TopologyFileError(`${file}:${pos.line}:${pos.col}: not a valid YAML or JSON document (${first.code})`);
  }
  const at = (path: Path): string => where(doc, lines, file, path);
  const fail = (path: Path, what: string): never => {
    throw new TopologyFileError(`${at(path)}: ${path.length ? path.join(".") : "topology"} ${what}`);
  };
  const root: unknown = doc.toJS({ maxAliasCount: 100 });
  const obj = (v: unknown, path: Path, keys: string[], required: string[]): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(path, "must be a mapping");
    const o = v as Record<string, unknown>;
    // The unknown key is located by line, never quoted: the file's contents are not echoed.
    for (const k of Object.keys(o))
      if (!keys.includes(k))
        throw new TopologyFileError(
          `${at([...path, k])}: ${path.length ? path.join(".") : "topology"} has a key that is not one of ${keys.join(", ")}`,
        );
    for (const k of required) if (!(k in o)) fail(path, `is missing '${k}'`);
    return o;
  };
  const name = (v: unknown, path: Path): string =>
    typeof v === "string" && NAME.test(v) ? v : fail(path, "must be a name of 1–255 letters, digits or _.@#:-");
  const list = (v: unknown, path: Path, min: number): unknown[] =>
    Array.isArray(v) && v.length >= min && v.length <= 64 ? v : fail(path, `must be a list of ${min} to 64 entries`);

  const t = obj(root, [], ["zones", "schedulerHost", "apiHost"], ["zones"]);
  const topology: Topology = {
    zones: list(t["zones"], ["zones"], 1).map((z, i) => {
      const zp: Path = ["zones", i];
      const zone = obj(z, zp, ["name", "volumeBackends", "backupHosts"], ["name", "volumeBackends", "backupHosts"]);
      return {
        name: name(zone["name"], [...zp, "name"]),
        volumeBackends: list(zone["volumeBackends"], [...zp, "volumeBackends"], 0).map((b, j) => {
          const bp: Path = [...zp, "volumeBackends", j];
          const be = obj(b, bp, ["host", "backend", "driver"], ["host", "backend"]);
          const driver = be["driver"];
          if (driver !== undefined && driver !== "lvm" && driver !== "rbd") fail([...bp, "driver"], "must be lvm or rbd");
          return {
            host: name(be["host"], [...bp, "host"]),
            backend: name(be["backend"], [...bp, "backend"]),
            ...(driver ? { driver: driver as "lvm" | "rbd" } : {}),
          };
        }),
        backupHosts: list(zone["backupHosts"], [...zp, "backupHosts"], 0).map((b, j) => {
          const bp: Path = [...zp, "backupHosts", j];
          const bh = obj(b, bp, ["host", "workers"], ["host"]);
          const workers = bh["workers"];
          if (workers !== undefined && !(Number.isInteger(workers) && (workers as number) >= 1 && (workers as number) <= 64))
            fail([...bp, "workers"], "must be an integer from 1 to 64");
          return { host: name(bh["host"], [...bp, "host"]), ...(workers !== undefined ? { workers: workers as number } : {}) };
        }),
      };
    }),
  };
  if (t["schedulerHost"] !== undefined) topology.schedulerHost = name(t["schedulerHost"], ["schedulerHost"]);
  if (t["apiHost"] !== undefined) topology.apiHost = name(t["apiHost"], ["apiHost"]);
  const zoneNames = topology.zones.map((z) => z.name);
  zoneNames.forEach((n, i) => {
    if (zoneNames.indexOf(n) !== i) fail(["zones", i, "name"], `repeats the name of zones.${zoneNames.indexOf(n)}`);
  });
  return topology;
}

/** `FILE:LINE:COL` of the deepest node of `path` that exists in the document. */
function where(doc: Document, lines: LineCounter, file: string, path: Path): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return `${file}:${pos.line}:${pos.col}`;
    }
  }
  return `${file}:1:1`;
}
