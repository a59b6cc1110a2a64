/** Escapes text for a cell of a GitHub markdown table. */
export function cell(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub markdown table; `align` per column: l, c or r. */
export function table(header: string[], rows: (string | number)[][], align?: ('l' | 'c' | 'r')[]): string {
  const marks = header.map((_, i) => {
    const a = align?.[i] ?? 'l';
    return a === 'r' ? '---:' : a === 'c' ? ':---:' : '---';
  });
  const line = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${marks.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** A collapsed section. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** Text in an inline code span that survives backticks inside it. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/**
 * Cuts markdown to at most `limit` characters (UTF-16 units, as GitHub counts),
 * ending on a line boundary with a note that the rest was left out.
 */
export function truncateMarkdown(text: string, limit: number, note = '\n\n_…cut to fit the size limit._\n'): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - note.length);
  let cut = text.lastIndexOf('\n', room);
  if (cut <= 0) cut = room;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + note;
}
