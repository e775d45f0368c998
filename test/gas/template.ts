// HtmlService templates: `<?= expr ?>` prints HTML-escaped, `<?!= expr ?>` prints raw,
// `<? code ?>` runs code. Compiled to one sloppy-mode function (it needs `with` to expose the
// template's properties as variables) that runs in the script's own realm.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Source of `(function (__data, __escape) { ... return html; })`. */
export function compileTemplate(source: string): string {
  const parts: string[] = [];
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    parts.push(`__out.push(${JSON.stringify(source.slice(last, m.index))});`);
    const code = m[2]!;
    if (m[1] === '=') parts.push(`__out.push(__escape(${code}));`);
    else if (m[1] === '!=') parts.push(`__out.push(String(${code}));`);
    else parts.push(`${code}\n`);
    last = re.lastIndex;
  }
  parts.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  const body = `var __out = [];\n${parts.join('\n')}\nreturn __out.join('');`;
  return `(function (__data, __escape) { with (__data) { ${body} } })`;
}
