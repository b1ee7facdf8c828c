/**
 * `readJsonBody` and the messages of `HistoryError` (lib/history/api-json.ts). The whole bad-answer
 * corpus runs in api-shapes.test.ts; here, each file of it is checked against what its README row
 * says `readJsonBody` alone must do: refuse it (not-json, malformed) or let it through as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HistoryError, historyErrorMessage, readJsonBody, type HistoryErrorKind } from '@/lib/history/api-json';

const BAD = new URL('../../fixtures/bad-api/', import.meta.url);
const GOOD = new URL('../../fixtures/api/', import.meta.url);
const encode = (text: string) => new TextEncoder().encode(text);
const bytes = (...values: number[]) => new Uint8Array(values);

function refusal(body: Uint8Array, contentType = 'application/json'): HistoryError {
  try {
    readJsonBody(body, contentType);
  } catch (error) {
    expect(error).toBeInstanceOf(HistoryError);
    return error as HistoryError;
  }
  throw new Error('expected a refusal');
}

describe('readJsonBody', () => {
  it('reads JSON, with or without a BOM, and whitespace around it', () => {
    expect(readJsonBody(encode('{"a":[1,"ü"]}'), 'application/json')).toEqual({ a: [1, 'ü'] });
    expect(readJsonBody(bytes(0xef, 0xbb, 0xbf, ...encode('{"a":1}')), 'application/json')).toEqual({ a: 1 });
    expect(readJsonBody(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...encode(' \n{"a":1}\n')), '')).toEqual({ a: 1 });
    expect(readJsonBody(encode('\r\n\t [] '), 'application/json; charset=utf-8')).toEqual([]);
  });

  it('lets the body decide: JSON declared as text is still JSON', () => {
    expect(readJsonBody(encode('{"events":[]}'), 'text/plain')).toEqual({ events: [] });
    expect(readJsonBody(encode('null'), 'text/html')).toBeNull();
  });

  it('refuses a web page, whatever it is declared as', () => {
    for (const page of [
      '<!doctype html><title>Sign in</title>',
      '  \n<html>',
      '<?xml version="1.0"?><rss/>',
      '<!-- x -->{}',
    ])
      for (const type of ['application/json', 'text/html', ''])
        expect(refusal(encode(page), type).kind, `${page} as ${type}`).toBe('not-json');
  });

  it('refuses an empty body and one of whitespace only', () => {
    expect(refusal(bytes()).kind).toBe('not-json');
    expect(refusal(encode(' \n\t\r ')).kind).toBe('not-json');
    expect(refusal(bytes(0xef, 0xbb, 0xbf)).kind).toBe('not-json');
  });

  it('calls broken JSON malformed when it claimed to be JSON, and not JSON when it never did', () => {
    const cut = encode('{"conferences":[{"acronym":"38c3","title":"38C3: Illeg');
    expect(refusal(cut, 'application/json').kind).toBe('malformed');
    expect(refusal(cut, 'application/problem+json').kind).toBe('malformed');
    expect(refusal(cut, '').kind).toBe('malformed');
    expect(refusal(encode('502 Bad Gateway'), 'text/plain').kind).toBe('not-json');
    expect(refusal(encode('Service Unavailable'), 'text/html; charset=utf-8').kind).toBe('not-json');
  });

  it('refuses a good answer cut anywhere', () => {
    const whole = readFileSync(new URL('conference-asg2023.json', GOOD));
    expect(readJsonBody(whole, 'application/json')).toMatchObject({ acronym: 'asg2023' });
    const end = whole.toString('utf8').trimEnd().length;
    for (let at = 1; at < end; at += 97) expect(refusal(whole.subarray(0, at)).kind, `cut at ${at}`).toBe('malformed');
  });

  it('turns bytes that are not UTF-8 into U+FFFD, never into a quote or a `<`', () => {
    // "Caf\xe9", and an overlong `"` (C0 A2) that would end the string early if decoded leniently.
    const body = bytes(...encode('{"t":"Caf'), 0xe9, 0xc0, 0xa2, ...encode('x"}'));
    expect(readJsonBody(body, 'application/json')).toEqual({ t: 'Caf\ufffd\ufffd\ufffdx' });
  });

  it('reads arrays nested 100,000 deep without running out of stack', () => {
    const deep = encode('['.repeat(100_000) + ']'.repeat(100_000));
    expect(Array.isArray(readJsonBody(deep, 'application/json'))).toBe(true);
  });

  it('refuses more than 50 MB without decoding it', () => {
    expect(refusal(new Uint8Array(50 * 1024 * 1024 + 1)).kind).toBe('too-large');
  });

  it('names the host in its message when told it', () => {
    expect(refusal(encode('<html>')).message).toContain('the server');
    let thrown: unknown;
    try {
      readJsonBody(encode('<html>'), 'text/html', 'media.ccc.de');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ kind: 'not-json', host: 'media.ccc.de', name: 'HistoryError' });
    expect((thrown as Error).message).toContain('media.ccc.de sent a web page');
  });
});

describe('historyErrorMessage', () => {
  const KINDS: HistoryErrorKind[] = [
    'not-json',
    'malformed',
    'wrong-shape',
    'not-found',
    'http',
    'network',
    'timeout',
    'too-large',
  ];

  it('says each kind in a sentence for people, with or without a host', () => {
    const messages = new Set<string>();
    for (const kind of KINDS)
      for (const host of ['', 'media.ccc.de']) {
        const message = historyErrorMessage(kind, host);
        expect(message, kind).toMatch(/^[A-Z].{20,}[.)]$/);
        expect(message).toContain(host || 'the server');
        messages.add(message);
      }
    expect(messages.size).toBe(KINDS.length * 2);
  });

  it('is the message of every HistoryError', () => {
    for (const kind of KINDS) {
      const error = new HistoryError(kind, 'api.media.ccc.de');
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toBe(historyErrorMessage(kind, 'api.media.ccc.de'));
      expect(error.kind).toBe(kind);
    }
  });
});

describe('the bad-answer corpus, as far as readJsonBody goes', () => {
  const readme = readFileSync(new URL('README.md', BAD), 'utf8');
  const rows = [...readme.matchAll(/^\| `([^`:]+)` \| \w+ \| [^|]+ \| ([^|]+?) \|$/gm)].map((m) => ({
    file: m[1]!,
    outcome: m[2]!,
  }));
  const TYPES: Record<string, string> = { html: 'text/html', txt: 'text/plain' };

  it('has a row for every file', () => {
    const files = readdirSync(BAD).filter((f) => f !== 'README.md');
    expect(rows.map((r) => r.file).sort()).toEqual(files.sort());
  });

  for (const { file, outcome } of rows) {
    const own = /^refused: (not-json|malformed|too-large)$/.exec(outcome)?.[1];
    it(`${file}: ${own ? `refused: ${own}` : 'gets through as JSON'}`, () => {
      const body = new Uint8Array(readFileSync(new URL(file, BAD)));
      const type = TYPES[file.split('.').pop()!] ?? 'application/json';
      if (own) expect(refusal(body, type).kind).toBe(own);
      else expect(() => readJsonBody(body, type)).not.toThrow();
    });
  }
});
