/**
 * `htmlToPlainText` trims every line and collapses its spaces on the whole text at once (faster
 * than line by line); this checks it against the line-by-line reading it replaced, on generated
 * text full of the whitespace kinds that differ between the two ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanPageLine, decodeEntities, htmlToPlainText, searchWords, stripInvisible } from '@/lib/text';

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
