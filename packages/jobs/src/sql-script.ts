// Splits a SQL script into its statements. PGlite's query() speaks the extended protocol, which
// refuses more than one command, while pg-boss sends its schema install, migrations and locked
// maintenance blocks as one parameterless script. Quotes, dollar-quoted bodies (plpgsql functions)
// and comments are skipped so a `;` inside them never splits.

const isTagStart = (c: string) => /[A-Za-z_\u0080-\uffff]/.test(c);
const isTagChar = (c: string) => /[A-Za-z0-9_\u0080-\uffff]/.test(c);

/** The offset just past a `$tag$` opening at `at`, or -1 when `$` there is not one (e.g. `$1`). */
function dollarTagEnd(sql: string, at: number): number {
  let i = at + 1;
  if (sql[i] === '$') return i + 1;
  if (!isTagStart(sql[i] ?? '')) return -1;
  while (i < sql.length && isTagChar(sql[i] ?? '')) i++;
  return sql[i] === '$' ? i + 1 : -1;
}

export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const push = (end: number) => {
    if (hasCode) statements.push(sql.slice(start, end).trim());
    start = end + 1;
    hasCode = false;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? sql.length : eol + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < sql.length && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') { depth++; i += 2; }
        else if (sql[i] === '*' && sql[i + 1] === '/') { depth--; i += 2; }
        else i++;
      }
    } else if (c === "'" || c === '"') {
      // E'...' strings allow backslash escapes; doubled quotes escape in every form.
      const backslashes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !isTagChar(sql[i - 2] ?? '');
      hasCode = true;
      i++;
      while (i < sql.length) {
        if (backslashes && sql[i] === '\\') { i += 2; continue; }
        if (sql[i] === c) {
          if (sql[i + 1] === c) { i += 2; continue; }
          break;
        }
        i++;
      }
      i++;
    } else if (c === '$' && !isTagChar(sql[i - 1] ?? '')) {
      const tagEnd = dollarTagEnd(sql, i);
      hasCode = true;
      if (tagEnd === -1) { i++; continue; }
      const tag = sql.slice(i, tagEnd);
      const close = sql.indexOf(tag, tagEnd);
      i = close === -1 ? sql.length : close + tag.length;
    } else if (c === ';') {
      push(i);
      i++;
    } else {
      if (c !== undefined && !/\s/.test(c)) hasCode = true;
      i++;
    }
  }
  push(sql.length);
  return statements;
}
