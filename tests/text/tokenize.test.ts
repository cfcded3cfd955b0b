import { describe, expect, it } from 'vitest';
import { scanTokens, tokenize } from '../../src/text/tokenize.js';
import { passageTokens } from '../../src/compare/overlap-stage.js';
import { hashToken } from '../../src/text/hash.js';
import { HAN_FOLD, normalizeToken, normalizeText } from '../../src/text/normalize.js';
import { HAN_FOLD_FIRST, HAN_FOLD_LAST, HAN_FOLD_PAIRS } from '../../src/text/han-fold.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { root } from '../pipeline/helpers.js';

/** The raw token strings, by their offsets. */
const words = (text: string): string[] => {
  const t = tokenize(text);
  return Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
};
const norm = (text: string): string => normalizeText(text, tokenize(text));

describe('tokenize', () => {
  it('keeps words of any script whole', () => {
    expect(words('Mevlüt Çavuşoğlu visited São Paulo.')).toEqual(['Mevlüt', 'Çavuşoğlu', 'visited', 'São', 'Paulo']);
    expect(words('Привет, мир! Ёлка.')).toEqual(['Привет', 'мир', 'Ёлка']);
    expect(words('پاکستان کے وزیر اعظم')).toEqual(['پاکستان', 'کے', 'وزیر', 'اعظم']);
    expect(words('أعلنت وزارة التربية')).toEqual(['أعلنت', 'وزارة', 'التربية']);
    expect(words('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']); // combining marks stay in the word
  });

  it('gives the same tokens with the plain scanner first as with the full scanner alone, where the two meet', () => {
    // Each case puts what the plain scanner must hand over (or handle the same way) after plain ASCII text.
    const cases = [
      "a newline ('\\n'’). For", // an apostrophe before a joiner ends the word
      'frob\u2019s and frob\u00adni, /frob\'\u00adni:/', // joiners between letters, a soft hyphen after an apostrophe
      'the enemies’, and Iran’s don’t', // a joiner after a word, and inside words
      'co\u00ad\nop and infor-\nmation, co\u2010\nop, 2020-\n21',
      'AT&T and caf&eacute; &amp; l\'été über 上海 x\u2019\u4e0a',
      "it's o'\u{1D400}k ends'",
      'a word then l’été', // a joiner before a non-ASCII letter
    ];
    for (const text of cases) {
      const plain = scanTokens(text);
      const full = scanTokens(text, false);
      const tokens = (t: typeof plain): string[] => Array.from({ length: t.count }, (_, i) => `${text.slice(t.starts[i], t.ends[i])}:${t.hashes[i]}`);
      expect(tokens(plain), text).toEqual(tokens(full));
    }
    expect(words("a newline ('\\n'’). For")).toEqual(['a', 'newline', 'n', 'For']);
  });

  it('makes one token per character in scripts written without spaces', () => {
    expect(words('上海市政府')).toEqual(['上', '海', '市', '政', '府']);
    expect(words('日本語のテキスト')).toHaveLength(8);
    expect(words('ภาษาไทย')).toHaveLength(7);
  });

  it('drops punctuation and folds case, width, quotes and composed forms', () => {
    expect(norm('Don’t STOP—“now”!')).toBe("dont stop now");
    expect(norm("Don't stop - \"now\"")).toBe('dont stop now');
    expect(norm('ＨＥＬＬＯ ﬁne')).toBe('hello fine');
    expect(norm('e\u0301te\u0301')).toBe(norm('été'));
    expect(norm('Straße ΟΔΟΣ')).toBe('strasse οδοσ');
  });

  it('hashes a word the same on the ASCII fast path and the Unicode slow path', () => {
    const t = tokenize('Hello hello HELLO héllo hullo привет');
    expect(t.hashes[0]).toBe(hashToken('hello'));
    expect(t.hashes[1]).toBe(t.hashes[0]);
    expect(t.hashes[2]).toBe(t.hashes[0]);
    expect(t.hashes[3]).toBe(hashToken(normalizeToken('héllo')));
    expect(t.hashes[3]).toBe(t.hashes[0]); // its diacritic dropped: the same word
    expect(t.hashes[4]).not.toBe(t.hashes[0]);
    expect(t.hashes[5]).toBe(hashToken('привет'));
  });

  it('keeps each token at its character offsets in the original text', () => {
    const text = '  «Çavuşoğlu»\tsaid: 𝒜lpha 上海 — done ';
    const t = tokenize(text);
    for (let i = 0; i < t.count; i++) {
      expect(t.starts[i]).toBeLessThan(t.ends[i]!);
      expect(/^[\p{L}\p{M}\p{N}'’]+$/u.test(text.slice(t.starts[i], t.ends[i]))).toBe(true);
    }
    expect(words(text)).toEqual(['Çavuşoğlu', 'said', '𝒜lpha', '上', '海', 'done']);
  });

  it('applies stop words and stemming when asked', () => {
    const plain = tokenize('the running dogs');
    const filtered = tokenize('the running dogs', { stopwords: new Set(['the']), stem: (w) => w.replace(/(ning|s)$/, '') });
    expect(plain.count).toBe(3);
    expect(filtered.count).toBe(2);
    expect(filtered.hashes[0]).toBe(hashToken('run'));
    expect(filtered.hashes[1]).toBe(hashToken('dog'));
  });

  it('measures the tokens in quarter words: 4 a spaced word, 2 a Han or kana character, 1 a Thai one', () => {
    expect(tokenize('Hello, world').quarters).toBe(8);
    expect(tokenize('上海市').quarters).toBe(6);
    expect(tokenize('ひらがなカタカナ').quarters).toBe(16);
    expect(tokenize('ภาษาไทย').quarters).toBe(7);
    expect(tokenize('Мир 上海 ภาษา 𠀋').quarters).toBe(4 + 4 + 4 + 2); // an astral Han character too
    expect(passageTokens(12, 100, 400)).toBe(12);
    expect(passageTokens(12, 100, 200)).toBe(24); // all Chinese
    expect(passageTokens(12, 100, 100)).toBe(48); // all Thai
    expect(passageTokens(12, 0, 0)).toBe(12);
  });

  it('returns no tokens for empty, blank and punctuation-only text', () => {
    for (const s of ['', '   \n\t', '!!! ... ---', '\ud800']) expect(tokenize(s).count).toBe(0);
  });
});

describe('script folding', () => {
  const same = (x: string, y: string): void => expect(Array.from(tokenize(x).hashes.slice(0, tokenize(x).count))).toEqual(Array.from(tokenize(y).hashes.slice(0, tokenize(y).count)));

  it('folds Arabic-script keyboard variants, diacritics and tatweel', () => {
    same('كتاب يكتب', 'کتاب یکتب'); // Arabic kaf/yeh vs Persian/Urdu keheh/yeh
    same('مُحَمَّد', 'محمد'); // harakat
    same('جـــميل', 'جميل'); // tatweel
    same('أحمد إلى', 'احمد الی'); // hamza forms, alef maksura
    same('پاکستان کہا', 'پاکستان كها'); // Urdu heh goal vs Arabic heh and kaf
    same('٢٠٢١ ۲۰۲۱', '2021 2021'); // Arabic-Indic and extended digits
  });

  it('writes the decimal digits of every script as ASCII digits; a number is one token even in Thai', () => {
    same('२०२४ में', '2024 में'); // Devanagari
    same('২০২৪ সালে', '2024 সালে'); // Bengali
    same('ปี ๒๕๖๗ นี้', 'ปี 2567 นี้'); // Thai: the number is a word, not four characters
    expect(words('ปี๒๕๖๗')).toEqual(['ป', 'ี', '๒๕๖๗']);
    same('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ０１２', '0123456789 0123456789 012');
    expect(tokenize('२०२४').hashes[0]).not.toBe(tokenize('२०२५').hashes[0]);
    // Every decimal digit of the BMP this Node knows (the folding's list of digit runs is complete).
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (/\p{Nd}/u.test(ch)) expect(normalizeToken(ch), `U+${c.toString(16)}`).toMatch(/^[0-9]$/);
    }
  });

  it('drops Hebrew vowel points and cantillation marks', () => {
    same('בְּרֵאשִׁית בָּרָא אֱלֹהִים', 'בראשית ברא אלהים');
    expect(tokenize('שלום').hashes[0]).not.toBe(tokenize('שלם').hashes[0]);
  });

  it('folds Russian ё to е and keeps different words apart', () => {
    same('ёлка её', 'елка ее');
    expect(tokenize('мир').hashes[0]).not.toBe(tokenize('мор').hashes[0]);
    expect(tokenize('كتاب').hashes[0]).not.toBe(tokenize('كتب').hashes[0]);
  });
});

describe('words hyphenated across line breaks', () => {
  it('reads "infor-\\nmation" as one word, on both paths, and keeps its range', () => {
    const t = 'infor-\nmation and inter-\r\n   national Ça-\nvuşoğlu long\u00ad\nword';
    expect(words(t)).toEqual(['infor-\nmation', 'and', 'inter-\r\n   national', 'Ça-\nvuşoğlu', 'long\u00ad\nword']);
    const a = tokenize(t);
    const b = tokenize('information and international Çavuşoğlu longword');
    expect(Array.from(a.hashes.subarray(0, a.count))).toEqual(Array.from(b.hashes.subarray(0, b.count)));
    expect(a.hashes[0]).toBe(hashToken('information'));
  });

  it('leaves dashes, numbers, list items and capitalized next lines alone', () => {
    expect(words('the years 2020-\n21 were')).toEqual(['the', 'years', '2020', '21', 'were']);
    expect(words('see Al-\nAqsa')).toEqual(['see', 'Al', 'Aqsa']);
    expect(words('word -\nnext')).toEqual(['word', 'next']);
    expect(words('- one\n- two')).toEqual(['one', 'two']);
    expect(words('pre-\n\nnext')).toEqual(['pre', 'next']); // a paragraph break is not a line wrap
    expect(words('well-known')).toEqual(['well', 'known']);
  });
});

describe('HTML character references left in text', () => {
  it('reads a reference as the character it stands for, keeping the original offsets', () => {
    const t = 'Iran&#39;s &quot;decisive&quot; caf&eacute;&nbsp;AT&amp;T &amp;#8217;twice&amp;quot; l&shy;ong';
    expect(norm(t)).toBe(norm('Iran\'s "decisive" café AT&T ’twice" long'));
    expect(norm(t)).toBe('irans decisive cafe at t twice long');
    expect(words(t)).toEqual(['Iran&#39;s', 'decisive', 'caf&eacute;', 'AT', 'T', 'twice', 'l&shy;ong']);
  });

  it('counts only complete references: "AT&T", "R&D", "a&b;" and unknown names stay text', () => {
    expect(norm('AT&T R&D a&b; x&nosuchname;y')).toBe('at t r d a b x nosuchname y');
    expect(norm('&#0; &#x110000; &;')).toBe(''); // decoded as HTML does: U+FFFD, not a word
  });

  it('hashes a word read through references like the same word typed out', () => {
    const a = tokenize('don&#8217;t &Eacute;cole &#1055;&#1088;&#1080;&#1074;&#1077;&#1090;');
    const b = tokenize('don’t École Привет');
    expect(Array.from(a.hashes.subarray(0, a.count))).toEqual(Array.from(b.hashes.subarray(0, b.count)));
    expect(a.hashes[0]).toBe(hashToken('dont'));
  });
});

describe('diacritics', () => {
  const same = (x: string, y: string): void => expect(norm(x)).toBe(norm(y));

  it('drops the diacritics of Latin and Greek letters, as sites and keyboards without them write', () => {
    same('Mevlüt Çavuşoğlu, São Paulo, Bogotá', 'Mevlut Cavusoglu, Sao Paulo, Bogota');
    same('Œuvre naïve, Łódź, Ørsted, İstanbul, ılık', 'Oeuvre naive, Lodz, Orsted, Istanbul, ilik');
    same('Đà Nẵng, Hà Nội', 'Da Nang, Ha Noi'); // Vietnamese: tone marks and đ
    same('e\u0301te\u0301', 'ete'); // decomposed forms too
    same('ΑΘΗΝΑ ΌΧΙ', 'Αθήνα όχι'); // Greek capitals are written without accents
    same('Ἀθῆναι', 'Αθηναι'); // polytonic Greek
    expect(norm('Straße café')).toBe('strasse cafe');
  });

  it('keeps the letters of other scripts whole: Cyrillic й and ї, Devanagari vowel signs', () => {
    expect(norm('мой мои')).toBe('мой мои');
    expect(normalizeToken('мой')).not.toBe(normalizeToken('мои'));
    expect(normalizeToken('їжак')).not.toBe(normalizeToken('іжак'));
    same('молоко́ йо́гурт', 'молоко йогурт'); // stress marks in Russian teaching texts are dropped
    expect(norm('नमस्ते दुनिया')).toBe('नमस्ते दुनिया');
    expect(normalizeToken('कि')).not.toBe(normalizeToken('क'));
  });
});

describe('invisible characters and homoglyphs', () => {
  const same = (x: string, y: string): void => expect(norm(x)).toBe(norm(y));

  it('drops invisible characters slipped inside a word, and still splits words at them', () => {
    for (const c of ['\u200b', '\ufeff', '\u034f', '\u2060', '\u2063', '\ufe0f', '\u200e', '\u200f', '\u061c', '\u202b', '\u2067']) {
      expect(norm(`co${c}py${c}right wo${c}rd`)).toBe('copyright word');
      expect(words(`word${c} next`)).toEqual([`word`, 'next']);
    }
    expect(norm('پاک\u200fستان \u202bوزیر\u202c')).toBe(norm('پاکستان وزیر')); // right-to-left marks in Urdu web text
    expect(words('I ❤️ NY')).toEqual(['I', 'NY']); // a variation selector after an emoji is not a word
    expect(tokenize('ภาษา\u200bไทย').count).toBe(7); // between characters of an unspaced script it separates
  });

  it('folds Cyrillic and Greek look-alikes in words that mix them with Latin letters', () => {
    same('p\u0430per', 'paper'); // Cyrillic а
    same('\u0412ank \u0422he \u0405\u0443stem', 'Bank The System'); // capitals В, Т, Ѕ and у
    same('\u03bfpen \u039dation', 'open Nation'); // Greek ο, capital Ν
    expect(norm('\u043fpaper')).not.toBe('ppaper'); // п looks like no Latin letter: left alone
  });

  it('folds words made only of lower-case look-alikes, the same whatever their case', () => {
    same('\u0430 \u0441\u043e\u0440\u0435', 'a cope'); // every letter swapped
    expect(norm('АСЕ')).toBe(norm('асе'));
    expect(norm('НЕТ')).toBe(norm('нет'));
    expect(norm('Привет, мир! Россия')).toBe('привет мир россия'); // ordinary Russian words keep their letters
    expect(norm('ΟΔΟΣ')).toBe('οδοσ');
  });

  it('never makes two different Cyrillic or Greek words one', () => {
    // Every word of up to two letters of each alphabet (upper and lower case): a look-alike
    // folding that sent two letters of one alphabet to one Latin letter would merge two of them.
    for (const alphabet of ['абвгдежзийклмнопрстуфхцчшщъыьэюяіјѕһԁԛԝӏ', 'αβγδεζηθικλμνξοπρστυφχψω']) {
      const letters = [...alphabet];
      const seen = new Map<string, string>();
      for (const a of ['', ...letters]) {
        for (const b of letters) {
          for (const w of [a + b, (a + b).toUpperCase()]) {
            const key = normalizeToken(w);
            const before = seen.get(key);
            if (before !== undefined) expect(before).toBe((a + b).toLowerCase());
            seen.set(key, (a + b).toLowerCase());
          }
        }
      }
    }
    expect(normalizeToken('ёж')).toBe(normalizeToken('еж')); // the one fold meant to merge words
  });
});

describe('traditional and simplified Chinese', () => {
  const simplified = readFileSync(path.join(root, 'fixtures/multilingual/zh-a.txt'), 'utf8');
  // OpenCC's own converter, phrases included (Taiwan forms): what a Taiwan site publishes.
  const traditional = OpenCC.Converter({ from: 'cn', to: 'tw' })(simplified);

  it('folds a story written in traditional characters to its simplified original, token by token', () => {
    expect(traditional).not.toBe(simplified);
    expect(traditional.length).toBe(simplified.length);
    const s = tokenize(simplified);
    const t = tokenize(traditional);
    expect(t.count).toBe(s.count);
    let differing = 0;
    for (let i = 0; i < s.count; i++) if (simplified[s.starts[i]!] !== traditional[t.starts[i]!]) differing++;
    expect(differing).toBeGreaterThan(20);
    expect(Array.from(t.hashes.subarray(0, t.count))).toEqual(Array.from(s.hashes.subarray(0, s.count)));
    expect(norm(traditional)).toBe(norm(simplified));
  });

  it('is a function of the character (folding twice is folding once), from both tokenizer paths alike', () => {
    for (let i = 0; i < HAN_FOLD_PAIRS.length; i += 2) {
      const target = HAN_FOLD_PAIRS.charCodeAt(i + 1);
      expect(HAN_FOLD[target - HAN_FOLD_FIRST]).toBe(target);
    }
    // Every ideograph of the table's range hashes inline as normalizeWord folds it.
    for (let c = HAN_FOLD_FIRST; c <= HAN_FOLD_LAST; c++) {
      const ch = String.fromCharCode(c);
      const t = tokenize(ch);
      if (t.count === 0) continue;
      if (t.hashes[0] !== hashToken(normalizeToken(ch))) expect(`${ch} U+${c.toString(16)}`).toBe('hashed alike');
    }
    expect(normalizeToken('國')).toBe('国');
    expect(normalizeToken('国')).toBe('国');
    expect(normalizeToken('學習')).toBe('学习');
  });
});
