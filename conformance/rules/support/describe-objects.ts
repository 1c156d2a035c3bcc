/** `3 objects: …-00001, …_sha256file` — a short, readable list of leftover objects for the report. */
export function describeObjects(names: readonly string[]): string {
  if (names.length === 0) return "no object";
  const shown = names.slice(0, 4).map((n) => n.split("/").pop() ?? n);
  return `${names.length} object${names.length > 1 ? "s" : ""}: ${shown.join(", ")}${names.length > 4 ? ", …" : ""}`;
}
