/**
 * Parses the prettytable output of `cinder` (and `openstack -f table`): a `Property | Value`
 * table into a record (continuation rows joined), a list table into row records.
 */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) =>
      l
        .slice(1, l.lastIndexOf("|"))
        .split("|")
        .map((c) => c.trim()),
    );
}

export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last = "";
  for (const [k = "", v = ""] of rows(text).slice(1)) {
    if (k === "" && last) out[last] = `${out[last]}${v}`;
    else {
      out[k] = v;
      last = k;
    }
  }
  return out;
}

export function parseList(text: string): Array<Record<string, string>> {
  const [header, ...body] = rows(text);
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}
