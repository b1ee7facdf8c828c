/**
 * The site adapters against pages saved from the live web, when such a collection is on this
 * machine (it is not part of the repository: a fresh clone skips this file and says so). The
 * folder holds `*.html` pages and a SOURCES.md whose table names each file's public address, used
 * here as the page URL. Every talk page must yield its title and speakers; every page the table
 * calls "not a talk page" must yield nothing.
 * The folder is $AFTERTALK_REAL_PAGES, else the default below.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectSession } from '@/lib/enrich/page/sites/registry';
import { parseDocument } from '../../../../support/load-site-fixture';

const REPO = fileURLToPath(new URL('../../../../..', import.meta.url));
const DIR = process.env.AFTERTALK_REAL_PAGES
  ? resolve(process.env.AFTERTALK_REAL_PAGES)
  : resolve(REPO, '../shared/real-pages');
const PRESENT = existsSync(join(DIR, 'SOURCES.md'));

/** What each known page says, read by eye off the page; pages added later get the generic checks only. */
const KNOWN: Record<string, { title: string; speakers: string[] }> = {
  'frab-fahrplan-33c3-7946.html': { title: 'Console Hacking 2016', speakers: ['marcan'] },
  'frab-fahrplan-35c3-9343.html': { title: 'Court in the Akten', speakers: ['Arne Semsrott'] },
  'frab-fahrplan-36c3-10496.html': { title: 'Das Mauern muss weg', speakers: ['Arne Semsrott'] },
  'frab-fahrplan-36c3-10896.html': { title: 'Climate Modelling', speakers: ['karlabyrinth'] },
  'frab-fahrplan-rc3-2020-11337.html': {
    title: 'What the cyberoptimists got wrong - and what to do about it',
    speakers: ['doctorow'],
  },
  'pretalx-cfp.openondemand.org-2025-MYXNRF.html': {
    title: 'OOD at IFOM: combining Cancer Research, reproducibility and user-friendliness',
    speakers: [
      'Raoul Jean Pierre Bonnal [IFOM ETS - The AIRC Institute of Molecular Oncology]',
      'Cristiano Petrini [AIRC Institute of Molecular Oncology]',
    ],
  },
  'pretalx-cfp.openondemand.org-2025-3CWD9A.html': { title: 'Developer Forum (Breakout Sessions)', speakers: [] },
  'pretalx-democon-demo-3J9C7D.html': { title: 'Horizontal didactic methodology', speakers: ['Alicia Vincent'] },
};

interface RealPage {
  file: string;
  url: string;
  talk: boolean;
}

/** The rows of the SOURCES.md table: `| file | served at | software, captured | saved by |`. */
function realPages(): RealPage[] {
  const rows = readFileSync(join(DIR, 'SOURCES.md'), 'utf8')
    .split('\n')
    .filter((line) => /^\|\s*[^|]+\.html\s*\|/.test(line));
  return rows.map((line) => {
    const [file = '', servedAt = '', software = ''] = line
      .split('|')
      .slice(1)
      .map((cell) => cell.trim());
    const html = readFileSync(join(DIR, file), 'utf8');
    // A page without a public address (a generated demo) is read at the address it names itself.
    const url = /^https?:\/\//.test(servedAt) ? servedAt : ogUrl(html);
    return { file, url, talk: !/not a talk page/i.test(software) };
  });
}

function ogUrl(html: string): string {
  const doc = parseDocument(html);
  return doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? 'https://invalid.example/';
}

if (!PRESENT) {
  console.info(`Saved real schedule pages not found at ${DIR} (set AFTERTALK_REAL_PAGES): skipping that check.`);
}

describe.skipIf(!PRESENT)('the site adapters on saved real pages', () => {
  const pages = PRESENT ? realPages() : [];

  it('finds the pages and every one of them is in the table', () => {
    expect(pages.length).toBeGreaterThan(0);
    const files = readdirSync(DIR).filter((f) => f.endsWith('.html'));
    expect(files.sort()).toEqual(pages.map((page) => page.file).sort());
  });

  it.each(pages.filter((page) => page.talk).map((page) => [page.file, page] as const))(
    '%s: a talk page yields its title and speakers',
    (file, page) => {
      const html = readFileSync(join(DIR, file), 'utf8');
      const session = detectSession(parseDocument(html), new URL(page.url))?.session;
      expect(session, `${file} at ${page.url}`).toBeDefined();
      const known = KNOWN[file];
      if (known) {
        expect(session?.title).toBe(known.title);
        expect(session?.speakers).toEqual(known.speakers);
      }
      // Pages added to the collection later: the title and each speaker must at least be on the page.
      const text = parseDocument(html).body?.textContent?.replace(/\s+/g, ' ') ?? '';
      expect(session?.title.length).toBeGreaterThan(0);
      expect(text).toContain(session?.title);
      for (const speaker of session?.speakers ?? []) expect(text).toContain(speaker);
    },
  );

  it.each(pages.filter((page) => !page.talk).map((page) => [page.file, page] as const))(
    '%s: not a talk page, nothing is read',
    (file, page) => {
      const html = readFileSync(join(DIR, file), 'utf8');
      expect(detectSession(parseDocument(html), new URL(page.url))).toBeNull();
    },
  );
});
