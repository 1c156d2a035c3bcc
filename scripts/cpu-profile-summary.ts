// `npx tsx scripts/cpu-profile-summary.ts PROFILE.cpuprofile [--from cycles] [--top 25] [--svg out.svg]`:
// a text flame summary of a V8 CPU profile (`node --cpu-prof`): the functions with the most self
// time and the most inclusive time, from the first sample whose stack holds `--from` (default
// `cycles`, the timed loop of `cbh bench sim`) so module loading is left out. `--svg` also writes
// an icicle flame graph (root at the top, width = time). docs/performance.md shows its output.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface Frame {
  functionName: string;
  url: string;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: "string", default: "cycles" }, top: { type: "string", default: "25" }, svg: { type: "string" } },
});
if (!positionals[0]) throw new Error("usage: cpu-profile-summary.ts PROFILE.cpuprofile [--from FUNCTION] [--top N] [--svg FILE]");
const profile = JSON.parse(readFileSync(positionals[0], "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// tsx emits one line per module: the column tells functions apart.
const name = (n: ProfileNode): string => {
  const f = n.callFrame;
  const file = f.url.replace(/^file:\/\/.*?\/(sim|lib|bin|conformance|scenarios)\//, "$1/").replace(/^file:\/\//, "");
  return file ? `${f.functionName || "(anonymous)"} ${file}:${f.columnNumber}` : f.functionName;
};
const stack = (id: number): number[] => {
  const s: number[] = [];
  for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) s.push(c);
  return s.reverse();
};

const start = profile.samples.findIndex((id) => stack(id).some((s) => byId.get(s)!.callFrame.functionName === values.from));
const self = new Map<string, number>();
const incl = new Map<string, number>();
const tree = new Map<string, number>(); // "a;b;c" → µs, for the flame graph
let total = 0;
for (let i = Math.max(0, start); i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  const ids = stack(profile.samples[i]!);
  const names = ids.map((id) => name(byId.get(id)!));
  total += dt;
  self.set(names.at(-1)!, (self.get(names.at(-1)!) ?? 0) + dt);
  for (const n of new Set(names)) incl.set(n, (incl.get(n) ?? 0) + dt);
  const key = names.slice(1).join(";");
  tree.set(key, (tree.get(key) ?? 0) + dt);
}

const top = Number(values.top);
const table = (title: string, m: Map<string, number>): void => {
  console.log(`${title} (${(total / 1000).toFixed(0)} ms of samples)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
};
table("self time", self);
console.log();
table("inclusive time", incl);
if (values.svg) writeFileSync(values.svg, flameSvg(tree, total));

/** An icicle graph: one row per stack depth, boxes as wide as their time share. */
function flameSvg(stacks: Map<string, number>, sum: number): string {
  interface Box {
    t: number;
    kids: Map<string, Box>;
  }
  const root: Box = { t: 0, kids: new Map() };
  for (const [k, t] of stacks) {
    let b = root;
    b.t += t;
    for (const f of k ? k.split(";") : []) {
      let c = b.kids.get(f);
      if (!c) b.kids.set(f, (c = { t: 0, kids: new Map() }));
      c.t += t;
      b = c;
    }
  }
  const W = 1600,
    H = 16;
  const rects: string[] = [];
  let depth = 0;
  const draw = (b: Box, x: number, d: number, label: string): void => {
    const w = (b.t / sum) * W;
    if (w < 0.5) return;
    depth = Math.max(depth, d);
    const esc = label.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const hue = label.includes("sim/") ? 30 : label.includes("node:") ? 200 : 0;
    rects.push(
      `<g><title>${esc} — ${((100 * b.t) / sum).toFixed(1)}%</title><rect x="${x.toFixed(1)}" y="${d * H}" width="${w.toFixed(1)}" height="${H - 1}" fill="hsl(${hue},70%,${60 + (d % 3) * 8}%)"/>` +
        (w > 60
          ? `<text x="${(x + 3).toFixed(1)}" y="${d * H + 12}" font-size="11" font-family="monospace">${esc.slice(0, Math.floor(w / 7))}</text>`
          : "") +
        "</g>",
    );
    let cx = x;
    for (const [k, c] of [...b.kids].sort((a, b2) => b2[1].t - a[1].t)) {
      draw(c, cx, d + 1, k);
      cx += (c.t / sum) * W;
    }
  };
  draw(root, 0, 0, "all samples");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${(depth + 1) * H}">${rects.join("")}</svg>\n`;
}
