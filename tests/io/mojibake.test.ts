import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/io/mojibake.js';
import { documentFromBytes } from '../../src/io/text-document.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

/** What a windows-1252 reader makes of UTF-8 text (written independently of the code under test). */
function misread(text: string): string {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => high[c.charCodeAt(0) - 0x80]!);
}

describe('repairMojibake', () => {
  it('restores UTF-8 text of any script that was read as windows-1252, once or twice', () => {
    for (const name of ['multilingual/fr-a.txt', 'multilingual/ru-a.txt', 'multilingual/zh-a.txt', 'multilingual/ar-a.txt', 'seeds/000_8e656ef614cc4b96.txt']) {
      const text = fixture(name);
      const once = misread(text);
      expect(once, name).not.toBe(text);
      expect(repairMojibake(once).text, name).toBe(text);
      expect(repairMojibake(misread(once)).text, name).toBe(text);
    }
    expect(repairMojibake('donâ€™t say â€œneverâ€\u009d').text).toBe('don’t say “never”');
  });

  it('reads "Ã " as "à" once the text is known to be mangled (the no-break space saved as a space)', () => {
    expect(repairMojibake('Ã  Paris, lâ€™Ã©tÃ©').text).toBe('à Paris, l’été');
  });

  it('leaves text that is not mangled as it is, even with one look-alike sequence', () => {
    for (const text of ['«É» est une lettre.', 'plain ASCII', 'São Paulo — “quoted” it’s naïve', fixture('multilingual/fr-a.txt'), 'SÃO PAULO']) {
      expect(repairMojibake(text)).toEqual({ text, repaired: 0 });
    }
  });
});

describe('documents with mojibake', () => {
  it('a text file is repaired, with one warning saying so', () => {
    const text = fixture('multilingual/fr-a.txt');
    const got = documentFromBytes(Buffer.from(misread(text), 'utf8'), 'fr.txt', 'text');
    expect(got.doc?.text).toBe(text);
    expect(got.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^fr\.txt: mojibake repaired \(\d+ UTF-8 sequences that had been read as windows-1252, such as â€™ for ’\); offsets refer to the repaired text$/),
    ]);
  });
});
