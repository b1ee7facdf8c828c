import { describe, expect, it } from 'vitest';
import { foldText, isStopWord, nameWords, stem, tokenize } from '@/lib/enrich/related/tokenize';

describe('tokenize', () => {
  it('folds case and diacritics and splits on anything that is not a letter or digit', () => {
    expect(tokenize('Überwachung: Ärger mit Öl-Fässern')).toEqual(['uberwachung', 'arger', 'ol', 'fassern']);
    expect(tokenize('Crème brûlée / naïve')).toEqual(['crem', 'brulee', 'naiv']);
    expect(tokenize('Łódź')).toEqual(['łodz']); // ł has no decomposition; still one lower-case token
    expect(foldText('Straße ﬁle')).toBe('strasse file');
  });

  it('handles other scripts as words', () => {
    expect(tokenize('Привет мир')).toEqual(['привет', 'мир']);
  });

  it('drops one-letter tokens and pure numbers but keeps mixed tokens', () => {
    expect(tokenize('38C3 in 2024: IPv6 on x86, 42 talks, a b 6.1')).toEqual(['38c3', 'ipv6', 'x86']);
  });

  it('keeps C++ and C# findable', () => {
    expect(tokenize('Modern C++ and C# interop')).toEqual(['modern', 'cplusplus', 'csharp', 'interop']);
  });

  it('drops English, German and generic talk stop words', () => {
    expect(tokenize('In this talk we will show how you can use the new API')).toEqual(['api']);
    expect(tokenize('Wir zeigen, wie die Überwachung der Daten und Dienste funktioniert')).toEqual([
      'uberwachung',
      'daten',
      'dienst',
      'funktioniert',
    ]);
    expect(tokenize('Vortrag über Sicherheit für alle')).toEqual(['sicherheit']);
    // Stemmed forms of stop words go too.
    expect(tokenize('talking, years, shows')).toEqual([]);
    for (const word of [
      'talk',
      'will',
      'also',
      'can',
      'use',
      'using',
      'new',
      'how',
      'vortrag',
      'wir',
      'die',
      'der',
      'und',
      'fur',
      'uber',
    ]) {
      expect(isStopWord(word), word).toBe(true);
    }
  });

  it('merges apostrophes into the word', () => {
    expect(tokenize("Müller's ideas don't scale")).toEqual(['muller', 'idea', 'dont', 'scal']);
  });

  it('stems common English inflections conservatively', () => {
    const same = (...words: string[]) => expect(new Set(words.map(stem)).size, words.join(' ')).toBe(1);
    same('build', 'builds', 'building');
    same('release', 'releases', 'released');
    same('library', 'libraries');
    same('map', 'maps', 'mapping', 'mapped');
    same('process', 'processes', 'processing', 'processed');
    same('route', 'routes', 'routing');
    same('embed', 'embedded');
    same('box', 'boxes');
    same('patch', 'patches');
    // Words that only look inflected stay.
    for (const word of ['status', 'analysis', 'access', 'linux', 'string', 'speed', 'feed', 'free', 'add', 'dns'])
      expect(stem(word)).toBe(word);
    // German words are left mostly alone.
    expect(stem('sicherheit')).toBe('sicherheit');
    expect(stem('angriffs')).toBe('angriff');
  });

  it('is deterministic and respects maxTokens', () => {
    const text = 'alpha beta gamma delta epsilon';
    expect(tokenize(text, 2)).toEqual(['alpha', 'beta']);
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(tokenize('')).toEqual([]);
  });

  it('drops absurdly long tokens (hashes, base64)', () => {
    expect(tokenize(`sha ${'a1'.repeat(32)} hash`)).toEqual(['sha', 'hash']);
  });
});

describe('nameWords', () => {
  it('folds names without stop-listing or stemming them', () => {
    expect(nameWords('Die Antwoord')).toEqual(['die', 'antwoord']);
    expect(nameWords('Jürgen Müller-Lüdenscheidt')).toEqual(['jurgen', 'muller', 'ludenscheidt']);
  });
});
