import { exportImport, forceDeleteBackup, quotaChange, resetStatus } from "./admin-steps.ts";
import { AwkwardText } from "./awkward-text.ts";
import { badBody, badImport, listEdge, quotaEdge } from "./edge-steps.ts";
import {
  createBackup,
  createSnapshot,
  createVolume,
  deleteResource,
  digestVolume,
  newGenState,
  restoreBackup,
  showResource,
  writeVolume,
  type GenState,
} from "./lifecycle-steps.ts";
import type { Sequence, Step } from "./step.ts";

export interface GeneratorOptions {
  release: string;
  /** Operations per sequence (a draw may add two or three steps: export, delete, import). */
  length?: number;
  /** The target has an admin user: admin actions, export/import, quota changes, all_tenants as admin. */
  admin: boolean;
  /** The target can write and read volume bytes (bundled cloud, cbh serve). */
  data: boolean;
}

interface Choice {
  weight: number;
  when: (s: GenState, o: GeneratorOptions) => boolean;
  draw: (s: GenState, t: AwkwardText) => Step[];
}

const hasVol = (s: GenState): boolean => s.volumes.length > 0;
const hasBak = (s: GenState): boolean => s.backups.length > 0;
const CHOICES: Choice[] = [
  { weight: 3, when: (s) => s.volumes.length < 5, draw: createVolume },
  { weight: 3, when: (s, o) => o.data && hasVol(s), draw: writeVolume },
  { weight: 2, when: (s, o) => o.data && hasVol(s), draw: digestVolume },
  { weight: 2, when: (s) => hasVol(s) && s.snapshots.length < 3, draw: createSnapshot },
  { weight: 5, when: (s) => hasVol(s) && s.backups.length < 8, draw: createBackup },
  { weight: 3, when: hasBak, draw: restoreBackup },
  { weight: 2, when: (s) => hasVol(s) || hasBak(s), draw: deleteResource },
  { weight: 2, when: (s) => hasVol(s) || hasBak(s), draw: showResource },
  { weight: 1, when: (s, o) => o.admin && hasBak(s), draw: forceDeleteBackup },
  { weight: 1, when: (s, o) => o.admin && (hasVol(s) || hasBak(s)), draw: resetStatus },
  { weight: 1, when: (s, o) => o.admin && hasBak(s), draw: exportImport },
  { weight: 1, when: (_s, o) => o.admin, draw: quotaChange },
  { weight: 1, when: (_s, o) => o.admin, draw: badImport },
  { weight: 2, when: () => true, draw: listEdge },
  { weight: 1, when: () => true, draw: quotaEdge },
  { weight: 1, when: () => true, draw: badBody },
];

/** The sequence of a seed: the same seed, options and @faker-js/faker version give the same steps. */
export function generateSequence(seed: number, o: GeneratorOptions): Sequence {
  const text = new AwkwardText(seed);
  const s = newGenState();
  const steps: Step[] = [...createVolume(s, text)];
  for (let i = 1; i < (o.length ?? 12); i++) {
    const open = CHOICES.filter((c) => c.when(s, o));
    const pick = text.faker.helpers.weightedArrayElement(open.map((c) => ({ weight: c.weight, value: c })));
    // without admin credentials, the edges drawn "as admin" are asked as the member
    steps.push(
      ...pick.draw(s, text).map((st) => (st.kind === "api" && st.as === "admin" && !o.admin ? { ...st, as: "member" as const } : st)),
    );
  }
  if (o.data && hasVol(s)) steps.push(...digestVolume(s, text));
  return { seed, release: o.release, steps };
}
