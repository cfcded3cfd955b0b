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
 * The line must be a JSON object whose `textField` is a string. Its `idField`, when it is a
 * non-empty string or a finite number, becomes the id (numbers as `String(n)`); any other value
 * (missing, null, object, empty string) means "no id" and the caller falls back to the line number.
 *
 * @param line the line's text (no terminator)
 * @param textField name of the field holding the text (top-level; no dotted paths)
 * @param idField name of the field holding the id
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
  const text = Object.hasOwn(record, textField) ? record[textField] : undefined;
  if (typeof text !== 'string') {
    const got = text === undefined ? '' : ` (got ${describe(text)})`;
    return { ok: false, reason: `no string field ${JSON.stringify(textField)}${got}` };
  }
  const rawId = Object.hasOwn(record, idField) ? record[idField] : undefined;
  let id: string | undefined;
  if (typeof rawId === 'string' && rawId !== '') id = rawId;
  else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
  return { ok: true, text, id };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
