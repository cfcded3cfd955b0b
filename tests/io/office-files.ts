/** Builds .docx and .odt files from paragraphs, the way Word and LibreOffice lay them out. */
import { zipSync, strToU8 } from 'fflate';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A .docx whose body holds the paragraphs, each split into several runs at odd places (inside
 * words, as Word does after edits), plus what is not text: bookmarks, a field code, a footnote
 * reference, properties. `extra` is raw WordprocessingML appended to the body.
 */
export function makeDocx(paragraphs: readonly string[], extra = ''): Uint8Array {
  const body = paragraphs
    .map((p, i) => {
      const cut = [Math.floor(p.length / 3), Math.floor((2 * p.length) / 3)];
      const runs = [p.slice(0, cut[0]), p.slice(cut[0], cut[1]), p.slice(cut[1])]
        .filter((r) => r !== '')
        .map((r, k) => `<w:r><w:rPr>${k === 1 ? '<w:b/>' : ''}<w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`)
        .join(i % 2 ? '<w:bookmarkStart w:id="0" w:name="b"/><w:bookmarkEnd w:id="0"/>' : '');
      return `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>${runs}</w:p>`;
    })
    .join('');
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">' +
    `<w:body>${body}${extra}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships/>'),
    'word/document.xml': strToU8(document),
    'word/footer1.xml': strToU8('<w:ftr><w:p><w:r><w:t>Page footer text that is not the body</w:t></w:r></w:p></w:ftr>'),
  });
}

/** A .odt whose body holds the paragraphs (the first as a heading), with spans and repeated spaces. */
export function makeOdt(paragraphs: readonly string[], extra = ''): Uint8Array {
  const body = paragraphs
    .map((p, i) => {
      const mid = Math.floor(p.length / 2);
      const inner = `${esc(p.slice(0, mid))}<text:span text:style-name="T1">${esc(p.slice(mid))}</text:span>`.replace(/ {2}/g, ' <text:s/>');
      return i === 0 ? `<text:h text:outline-level="1">${inner}</text:h>` : `<text:p text:style-name="P1">${inner}</text:p>`;
    })
    .join('');
  const content =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">' +
    '<office:automatic-styles><style:style style:name="P1"/></office:automatic-styles>' +
    `<office:body><office:text><text:sequence-decls><text:sequence-decl text:name="Figure"/></text:sequence-decls>${body}${extra}</office:text></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], // stored, first, as ODF requires
    'content.xml': strToU8(content),
    'styles.xml': strToU8('<office:document-styles><text:p>Page header text that is not the body</text:p></office:document-styles>'),
  });
}
