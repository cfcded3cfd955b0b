/**
 * One JSONL line → a record's text and id. Pure.
 */

/** The outcome of {@link parseJsonlRecord}. */
export type JsonlRecord =
  | { readonly ok: true; readonly text: string; readonly id: string | undefined }
  | { readonly ok: false; readonly reason: string };

/**
 * Parse one JSONL line.
 *
 * The line must be a JSON object whose `textField` is a string, or a non-empty array of strings
 * (paragraphs: joined with blank lines). Its `idField`, when it is a
 * non-empty string or a finite number, becomes the id (numbers as `String(n)`); any other value
 * (missing, null, object, empty string) means "no id" and the caller falls back to the line number.
 * A field name is a top-level key, or, when there is no such key, a dotted path into nested
 * objects (`meta.body`; see {@link field}).
 *
 * @param line the line's text (no terminator)
 * @param textField name or dotted path of the field holding the text
 * @param idField name or dotted path of the field holding the id
 * @returns the text and id, or a reason fit for "file:LINE: <reason>; line skipped"
 */
export function parseJsonlRecord(line: string, textField: string, idField: string): JsonlRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, reason: `invalid JSON (${detail})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `not a JSON object (got ${describe(value)})` };
  }
  const record = value as Record<string, unknown>;
  let text = field(record, textField);
  // A text kept as a list of paragraphs (or sentences): one text, a blank line between them.
  if (Array.isArray(text) && text.length > 0 && text.every((x) => typeof x === 'string')) text = text.join('\n\n');
  if (typeof text !== 'string') {
    const got = text === undefined ? stringFields(record) : ` (got ${describe(text)})`;
    return { ok: false, reason: `no string field ${JSON.stringify(textField)}${got}` };
  }
  const rawId = field(record, idField);
  let id: string | undefined;
  if (typeof rawId === 'string' && rawId !== '') id = rawId;
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  return { ok: true, text, id };
}

/**
 * The value of `name` in `record`: the top-level key `name` when there is one (so a key with a
 * dot in it is found as it is), else the dotted path `a.b.c` through nested objects; undefined
 * when it leads nowhere. Own keys only: `__proto__` or `constructor` never reach the prototype.
 */
function field(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = record;
  for (const key of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** For a record without the text field: the names of its string fields, to choose from with --text-field. */
function stringFields(record: Record<string, unknown>): string {
  const names = Object.keys(record).filter((k) => typeof record[k] === 'string');
  if (names.length === 0) return '';
  const shown = names.slice(0, 6).map((k) => JSON.stringify(k));
  if (names.length > 6) shown.push('…');
  return ` (its string fields: ${shown.join(', ')}; --text-field chooses one)`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
