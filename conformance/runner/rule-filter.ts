/**
 * `--rules GLOB`: comma-separated globs over rule ids, `*` any run of characters, `?` one.
 * `round-trip.*`, `*cancel*`, `incremental.chain-*,delete.*`.
 */
export function ruleMatcher(globs: string | undefined): (id: string) => boolean {
  if (!globs || globs.trim() === "") return () => true;
  const res = globs
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean)
    .map(globToRegExp);
  return (id) => res.some((r) => r.test(id));
}

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}
