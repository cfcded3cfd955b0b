/** Builds PDF files from lines of text, as a typesetter would lay them out (tests commit no binaries). */

/** WinAnsiEncoding codes of the non-ASCII characters the tests use. */
const WIN_ANSI: Record<string, number> = { '’': 0o222, '‘': 0o221, '“': 0o223, '”': 0o224, '–': 0o226, '—': 0o227, '\u00a0': 0o240, é: 0o351 };

/** A PDF string literal of `s` in WinAnsiEncoding. */
function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (WIN_ANSI[ch] !== undefined) out += `\\${WIN_ANSI[ch]!.toString(8)}`;
    else out += '?';
  }
  return `${out})`;
}

/** A PDF of `lines` in 11-point Helvetica, 50 lines a page, each line its own text object. */
export function makePdf(lines: readonly string[]): Buffer {
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += 50) pages.push(lines.slice(i, i + 50) as string[]);
  if (pages.length === 0) pages.push([]);
  const objects: string[] = [];
  const n = pages.length;
  // 1 catalog, 2 pages, 3 font, then page and content objects, two a page.
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pages.map((_, p) => `${4 + 2 * p} 0 R`).join(' ')}] /Count ${n} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((pageLines, p) => {
    const stream = pageLines.map((l, k) => `BT /F1 11 Tf 56 ${790 - 14 * k} Td ${pdfString(l)} Tj ET`).join('\n');
    objects[4 + 2 * p] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * p} 0 R >>`;
    objects[5 + 2 * p] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objects.length; i++) pdf += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * `text` set in lines of at most `width` characters, as a typesetter would: words that do not
 * fit are hyphenated at the line end when long enough (at least 8 letters), else moved down.
 */
export function typeset(text: string, width = 80): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const sep = line === '' ? '' : ' ';
    if (line.length + sep.length + word.length <= width) {
      line += sep + word;
      continue;
    }
    const room = width - line.length - sep.length - 1;
    if (/^[a-z]{8,}$/i.test(word) && room >= 3 && word.length - room >= 3) {
      lines.push(`${line}${sep}${word.slice(0, room)}-`);
      line = word.slice(room);
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
