/**
 * The text of PDF files, by PDF.js (the `unpdf` package bundles a build of it that needs no
 * worker, canvas or native module). Each page's text items in reading order, a line break where
 * PDF.js sees one, pages joined by a blank line. Words hyphenated at line ends stay split here;
 * the tokenizer joins them ("infor-\nmation" is one word).
 *
 * PDF.js is loaded on the first PDF (~0.1 s), never for runs without one; its logging is off
 * (it would print to stdout). Scanned pages (images without a text layer) have no text: such a
 * PDF is an empty document.
 */

/** The outcome of {@link pdfText}. */
export type PdfText = { readonly ok: true; readonly text: string; readonly pages: number } | { readonly ok: false; readonly reason: string };

type Unpdf = typeof import('unpdf');
let unpdf: Promise<Unpdf> | undefined;

/**
 * The text of a PDF file.
 *
 * @param bytes the whole file (not kept: PDF.js gets a copy)
 * @returns its text, or why it could not be read (encrypted, damaged, not a PDF)
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocumentProxy, extractText } = await (unpdf ??= import('unpdf'));
  let pdf: Awaited<ReturnType<Unpdf['getDocumentProxy']>> | undefined;
  try {
    // verbosity 0: errors only, and those are thrown, not printed.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: false });
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    return { ok: true, text, pages: totalPages };
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    const message = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') return { ok: false, reason: 'encrypted (a password is needed)' };
    return { ok: false, reason: message.split('\n')[0]!.replace(/\.$/, '') || 'unreadable' };
  } finally {
    await pdf?.loadingTask.destroy().catch(() => undefined);
  }
}
