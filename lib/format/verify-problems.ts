/** Problems `verifyBackup` / `verifyStore` report. Codes are stable (CLI JSON, tests). */
export type ProblemCode =
  "missing-object" | "md5-mismatch" | "sha256-mismatch" | "broken-chain" | "orphan-object" | "bad-metadata" | "bad-object";

export interface Problem {
  code: ProblemCode;
  /** The backup the problem belongs to (null for an orphan no prefix explains). */
  backupId: string | null;
  container: string;
  object?: string;
  detail: string;
}

/** Collects problems once each (a damaged full backup shows up again while checking its incrementals). */
export class ProblemSet {
  readonly #m = new Map<string, Problem>();

  add(p: Problem): void {
    const key = `${p.code}\u0000${p.backupId}\u0000${p.container}\u0000${p.object ?? ""}`;
    if (!this.#m.has(key)) this.#m.set(key, p);
  }

  get list(): Problem[] {
    return [...this.#m.values()];
  }

  get size(): number {
    return this.#m.size;
  }
}
