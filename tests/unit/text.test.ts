/**
 * `htmlToPlainText` trims every line and collapses its spaces on the whole text at once (faster
 * than line by line); this checks it against the line-by-line reading it replaced, on generated
 * text full of the whitespace kinds that differ between the two ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitItems } from '@/lib/poll/feed/item-chunks';
import { textOf } from '@/lib/poll/feed/normalise';
import { readFeed } from '@/lib/poll/feed/read-feed';
import {
  cleanInline,
  cleanInlineByPatterns,
  cleanPageLine,
  decodeEntities,
  htmlToPlainText,
  htmlToPlainTextByPatterns,
  scanText,
  searchWords,
  stripInvisible,
} from '@/lib/text';
import { generateFeed } from '@/tests/fixtures/feed/generate';

/** The line-by-line whitespace handling, as it was, applied to already plain text. */
function lineByLine(text: string): string {
  const lines = text.split('\n').map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim());
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

describe('htmlToPlainText whitespace', () => {
  it('trims and collapses each line as the line-by-line reading did', () => {
    const piece = fc.constantFrom(
      'a',
      'Wort',
      ' ',
      '  ',
      '\t',
      '\n',
      '\n\n\n',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\u2028',
      '\f',
      '\v',
      '\ufeff',
      '\r',
      'ü',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        // No markup and no entities: htmlToPlainText then only handles whitespace (and drops
        // invisible controls, which both ways do first).
        const plain = stripInvisible(text);
        expect(htmlToPlainText(text)).toBe(lineByLine(plain));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps paragraph breaks and drops markup', () => {
    expect(htmlToPlainText('<p>One  \u00a0 two </p>\n\n\n\n<p> three</p>')).toBe('One two\n\nthree');
  });
});

describe('lookups by text from a feed or a page', () => {
  it('decodes no entity named after an Object.prototype member', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(decodeEntities(`a &${name}; b`)).toBe(`a &${name}; b`);
    }
    expect(decodeEntities('&amp;&hellip;')).toBe('&…');
  });

  it('cleans a page line of bidi and invisible characters, and only those', () => {
    expect(cleanPageLine(' Evil\u202etxt.exe\u200b  &amp; <b>\n talk\u2066 ')).toBe('Eviltxt.exe &amp; <b> talk');
    expect(cleanPageLine('\u202e\u200b\ufeff')).toBe('');
  });
});

describe('searchWords on ASCII text (its fast path)', () => {
  /** The general rule, written out: what every text gets. */
  const general = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0 && word.length <= 40);

  it('gives the words the general rule gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (text) => {
        expect(searchWords(text)).toEqual(general(text));
      }),
      { numRuns: 500 },
    );
    expect(searchWords("Müller's Ruby-Talk")).toEqual(['muller', 's', 'ruby', 'talk']);
  });
});

/**
 * The feed normaliser's fast paths (a quick check before the invisible characters' pattern, a
 * sticky match per `&` instead of `replace`, patterns matching only the whitespace that changes)
 * against the plain forms they replaced, on text made of the characters each one treats apart.
 */
describe('fast paths give what the plain forms gave', () => {
  const PLAIN_INVISIBLE =
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
  const tricky = fc.constantFrom(
    ...'aZ09 \t\n\r\f\v&;#x<>/!?-'.split(''),
    '\u0000',
    '\u0008',
    '\u000b',
    '\u001f',
    '\u007f',
    '\u00a0',
    '\u00ac',
    '\u00ad',
    '\u00ae',
    '\u05ff',
    '\u0600',
    '\u061c',
    '\u115f',
    '\u180e',
    '\u200b',
    '\u200f',
    '\u2010',
    '\u2014',
    '\u2027',
    '\u2028',
    '\u202a',
    '\u202f',
    '\u205e',
    '\u205f',
    '\u2060',
    '\u2066',
    '\u20ac',
    '\u3000',
    '\u3164',
    '\ufeff',
    '\uffa0',
    '\ufffb',
    '\udb40',
    '\udc00',
    '\udb40\udc41',
    '\ud83d\ude00',
    'amp',
    'lt',
    '#32',
    '#x2014',
    'nbsp',
    'constructor',
  );
  const text = fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join(''));

  it('stripInvisible drops exactly what the pattern alone dropped', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(stripInvisible(s)).toBe(s.replace(PLAIN_INVISIBLE, ''));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(stripInvisible(s)).toBe(s.replace(PLAIN_INVISIBLE, ''));
      }),
    );
  });

  it('decodeEntities decodes what replace with the same pattern decoded', () => {
    const plain = (s: string) =>
      s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});/gi, (whole, ref: string) => decodeEntities(whole));
    fc.assert(
      fc.property(text, (s) => {
        expect(decodeEntities(s)).toBe(plain(s));
      }),
    );
  });

  it('cleanInline makes every run of whitespace one space, as \\s+ did', () => {
    const words = fc.array(fc.constantFrom('a', 'b', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u2028', ' \t '), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(words, (parts) => {
        const s = parts.join('');
        expect(cleanInline(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});

/**
 * `scanText`, the one pass that `cleanInline` and `htmlToPlainText` try first, against the passes
 * it stands in for: whatever it returns must be exactly what they return, and it must return
 * something (not leave it to them) for the text feeds really have.
 */
describe('the one-pass text cleaning gives what the passes give', () => {
  /** The result of both ways for one text, in one line and in many, at a few lengths. */
  const expectSame = (text: string) => {
    for (const max of [1000, 12, 3]) {
      const inline = scanText(text, max, false);
      if (inline !== null) expect(inline, JSON.stringify([text, max])).toBe(cleanInlineByPatterns(text, max));
      expect(cleanInline(text, max)).toBe(cleanInlineByPatterns(text, max));
      const lines = scanText(text, max, true);
      if (lines !== null) expect(lines, JSON.stringify([text, max])).toBe(htmlToPlainTextByPatterns(text, max));
      expect(htmlToPlainText(text, max)).toBe(htmlToPlainTextByPatterns(text, max));
    }
  };

  it('agrees on every UTF-16 code unit, as text, decoded from a reference, and after a `<`', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [`a${c}b ${c}\n<p>x${c}</p>\n ${c}`, `x&#${code}; y&#x${code.toString(16)};`, `<${c}b>z`]) {
        const inline = scanText(text, 1000, false);
        if (inline !== null) expect(inline, JSON.stringify(text)).toBe(cleanInlineByPatterns(text));
        const lines = scanText(text, 8000, true);
        if (lines !== null) expect(lines, JSON.stringify(text)).toBe(htmlToPlainTextByPatterns(text));
      }
    }
  }, 60_000);

  it('agrees on text made of markup, references and whitespace of every kind', () => {
    const piece = fc.constantFrom(
      ...'aZ09 \t\n\r\f\v&;#x<>/!?-="\''.split(''),
      'Wort',
      'ü',
      '–',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\u2028',
      '\u200b',
      '\u202e',
      '\ufeff',
      '\u0001',
      '\u007f',
      '\udb40',
      '\udc41',
      '\udb40\udc41',
      '\ud83d\ude00',
      '<p>',
      '</p>',
      '</P >',
      '<br>',
      '<br/>',
      '<BR \n/>',
      '<br class="x">',
      '</li>',
      '</h7>',
      '<a href="x,y">',
      '</a>',
      '<b',
      '</>',
      '<!-- c -->',
      '<!--',
      '-->',
      '<script>x</script>',
      '<style>',
      '</script>',
      '<scripts>',
      '<?x?>',
      '<!DOCTYPE x>',
      '< b',
      '<3',
      '<&',
      '<\u200bb>',
      '&amp;',
      '&AMP;',
      '&amp;lt;',
      '&lt;',
      '&gt;',
      '&#60;',
      '&#x3C;',
      '&nbsp;',
      '&#10;',
      '&#13;',
      '&#9;',
      '&#32;',
      '&#x2028;',
      '&#x3000;',
      '&#x200b;',
      '&#1;',
      '&#0;',
      '&#xD800;',
      '&#xDB40;',
      '&#xE0041;',
      '&#x1F41E;',
      '&shy;',
      '&foo;',
      '&constructor;',
      '&#x2014;',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => expectSame(pieces.join(''))),
      { numRuns: 3000 },
    );
  });

  it('reads the generated feed itself, in one pass, as the passes do', () => {
    const xml = generateFeed({ items: 300, seed: 7 });
    const items = readFeed(xml, splitItems(xml)).items;
    let scanned = 0;
    let texts = 0;
    for (const item of items) {
      for (const value of Object.values(item)) {
        const text = textOf(value);
        texts++;
        const lines = scanText(text, 8000, true);
        if (lines !== null) scanned++;
        expect(lines ?? htmlToPlainTextByPatterns(text)).toBe(htmlToPlainTextByPatterns(text));
        expect(scanText(text, 1000, false) ?? cleanInlineByPatterns(text)).toBe(cleanInlineByPatterns(text));
      }
    }
    // The shortcut is taken: it is not the passes that gave these.
    expect(scanned).toBe(texts);
  });
});
