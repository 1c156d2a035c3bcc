import { ALLOW_LIST, RELEASE_PROBES, compareProfiles, releaseProbe, type DiffTarget } from "../../../../lib/diff/index.ts";
import { simulatorFactory } from "../simulator-factory.ts";

export interface ProbeOutcome {
  probe: string;
  /** Unexplained divergences of the simulator's zed and epoxy profiles from the one cloud run. */
  zed: string[];
  epoxy: string[];
  leftovers: string[];
  aborted?: string;
}

/**
 * Every release probe (lib/diff/release-probes.ts) run ONCE on a real bundled cloud and compared
 * with the simulator's zed and epoxy profiles: on the Zed cloud the zed profile must agree and the
 * epoxy one diverge on each probe, on the Epoxy cloud the reverse, so a profile switch set wrong
 * shows as a divergence on a real cinder (docs/releases.md, "Each switch, checked").
 */
export async function probeBothProfiles(target: DiffTarget, runId: string): Promise<ProbeOutcome[]> {
  const simulators = { zed: simulatorFactory("zed"), epoxy: simulatorFactory("epoxy") };
  const out: ProbeOutcome[] = [];
  for (const [i, p] of RELEASE_PROBES.entries()) {
    const c = await compareProfiles(releaseProbe(i + 1, "epoxy"), simulators, target, `${runId}-p${i + 1}`, ALLOW_LIST);
    const text = (release: "zed" | "epoxy") =>
      (c.divergences[release] ?? []).filter((d) => !d.allowed).map((d) => `${d.label} ${d.field}: ${d.sim} | ${d.target}`);
    out.push({
      probe: p.name,
      zed: text("zed"),
      epoxy: text("epoxy"),
      leftovers: c.target.leftovers,
      ...(c.target.aborted ? { aborted: `${c.target.aborted.label}: ${c.target.aborted.message}` } : {}),
    });
  }
  return out;
}
