import { escapeXml } from "./escape.ts";

/**
 * The shell of an offline report page: no script, no external asset, and a Content-Security-Policy
 * that forbids fetching anything (inline styles and data: images only). `body` is trusted HTML.
 */
export function htmlPage(title: string, css: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${css}</style></head><body>
${body}
</body></html>
`;
}
