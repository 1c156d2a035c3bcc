/**
 * The addresses a reference document offers: numbered headings (`## 2.`, `### 2.3`), and inside a
 * numbered section its numbered table rows (`| 6 |` → `2.3.6`) and list items (`6.` → `2.3.6`).
 * A row whose first cell is dotted (`| 3.1.6 |`), or any numbered row before the first numbered
 * heading (the guide map), is its own address.
 */
const HEADING = /^#{1,6}\s+(?:\*\*)?(\d+(?:\.\d+)*)\.?(?:\*\*)?\s/;
const TABLE_ROW = /^\|\s*(\d+(?:\.\d+)*)\s*\|/;
const LIST_ITEM = /^(\d+)\.\s/;

export function addressesOf(markdown: string): Set<string> {
  const found = new Set<string>();
  let section: string | undefined;
  for (const line of markdown.split("\n")) {
    const heading = HEADING.exec(line);
    if (heading?.[1]) {
      section = heading[1];
      found.add(section);
      continue;
    }
    const row = TABLE_ROW.exec(line) ?? LIST_ITEM.exec(line);
    const n = row?.[1];
    if (n === undefined) continue;
    if (n.includes(".") || section === undefined) found.add(n);
    else found.add(`${section}.${n}`);
  }
  return found;
}
