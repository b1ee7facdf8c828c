/**
 * The shape of the tree, checked (docs/architecture.md): what a reviewer would otherwise have to
 * remember. A site adapter is one file, one fixture folder and one test file, registered once; the
 * tests mirror lib/ with one home for helpers; lib/ has no import circles and no file over 400
 * lines. Each rule names the file that breaks it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteAdapters } from '@/lib/enrich/page/sites/registry';
import { SITE_NAMES } from '@/lib/enrich/page/sites/types';
import { loadManifest } from '../support/load-site-fixture';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITES_DIR = 'lib/enrich/page/sites';
/** Files of the sites folder that are not adapters. */
const NOT_ADAPTERS = new Set(['types.ts', 'registry.ts', 'extract-helpers.ts']);

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out.sort();
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** Every module of the sites folder, by file name. */
const siteModules = Object.fromEntries(
  Object.entries(import.meta.glob('../../lib/enrich/page/sites/*.ts', { eager: true })).map(([path, module]) => [
    path.split('/').pop()!,
    module as Record<string, unknown>,
  ]),
);
const adapterFiles = readdirSync(join(ROOT, SITES_DIR)).filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f));

describe('site adapters: one file, one fixture folder, one test file, registered once', () => {
  it('finds the adapters', () => {
    expect(adapterFiles.length).toBeGreaterThanOrEqual(4);
  });

  it.each(adapterFiles)('%s is registered under a name in SITE_NAMES that is its file name', (file) => {
    const name = file.replace(/\.ts$/, '');
    const module = siteModules[file]!;
    const adapters = Object.values(module).filter((value) => siteAdapters.includes(value as never));
    expect(adapters, `${file} exports exactly one registered adapter`).toHaveLength(1);
    expect((adapters[0] as { name: string }).name).toBe(name);
    expect(SITE_NAMES).toContain(name);
  });

  it.each(adapterFiles)('%s exports its selectors as named constants', (file) => {
    const module = siteModules[file]!;
    const selectors = Object.entries(module).filter(([key, value]) => /^[A-Z][A-Z0-9_]+$/.test(key) && value);
    expect(selectors.length, `${file}: selectors named at the top, exported for the tests`).toBeGreaterThan(0);
  });

  it.each(adapterFiles)(
    '%s has fixtures, a test file that reads each of them, and names them in its header',
    (file) => {
      const name = file.replace(/\.ts$/, '');
      const fixtureDir = `tests/fixtures/sites/${name}`;
      const testFile = `tests/unit/enrich/page/sites/${name}.test.ts`;
      expect(existsSync(join(ROOT, fixtureDir)), fixtureDir).toBe(true);
      expect(existsSync(join(ROOT, testFile)), testFile).toBe(true);
      const fixtures = readdirSync(join(ROOT, fixtureDir)).filter((f) => f.endsWith('.html'));
      expect(fixtures.length).toBeGreaterThan(0);
      const testText = read(testFile);
      for (const fixture of fixtures) expect(testText, `${testFile} reads ${fixture}`).toContain(fixture);
      const header = read(`${SITES_DIR}/${file}`).split('*/')[0]!;
      expect(header, `${file}'s header names its fixtures`).toContain(fixtureDir);
    },
  );

  it.each(adapterFiles)(
    '%s: its fixture folder has a manifest listing every fixture, one for each version it claims',
    (file) => {
      const name = file.replace(/\.ts$/, '');
      const fixtureDir = `tests/fixtures/sites/${name}`;
      const manifest = loadManifest(name);
      const fixtures = readdirSync(join(ROOT, fixtureDir)).filter((f) => f.endsWith('.html'));
      expect(manifest.map((entry) => entry.file).sort(), `${fixtureDir}/manifest.json lists each fixture once`).toEqual(
        fixtures.sort(),
      );
      const versions = siteModules[file]!.PAGE_VERSIONS as readonly string[] | undefined;
      expect(versions?.length, `${file} exports PAGE_VERSIONS`).toBeGreaterThan(0);
      for (const version of versions ?? []) {
        expect(
          manifest.some((entry) => entry.version === version),
          `${fixtureDir}/manifest.json has a fixture of ${version}`,
        ).toBe(true);
      }
    },
  );

  it.each(SITE_NAMES.flatMap((site) => loadManifest(site).map((entry) => [`${site}/${entry.file}`, entry] as const)))(
    '%s states its page URL and what it was modelled on',
    (path, entry) => {
      const header = /^<!DOCTYPE[^>]*>\s*<!--([\s\S]*?)-->/i.exec(read(`tests/fixtures/sites/${path}`))?.[1] ?? '';
      expect(header, `${path} opens with a comment`).not.toBe('');
      expect(header.replace(/\s+/g, ' '), `${path} names its page URL`).toContain(`Page URL: ${entry.url}`);
      expect(entry.source.length, `${path}: the manifest names its source`).toBeGreaterThan(10);
    },
  );

  it('leaves no "ASSUMPTION" in the adapters or their fixtures', () => {
    const files = [
      ...filesUnder(SITES_DIR, (f) => f.endsWith('.ts')),
      ...filesUnder('tests/fixtures/sites', (f) => f.endsWith('.html') || f.endsWith('.md')),
    ];
    expect(files.filter((f) => /ASSUM(PTION|ED)/.test(read(f)))).toEqual([]);
  });

  it('registers every name of SITE_NAMES, each once', () => {
    expect(siteAdapters.map((adapter) => adapter.name).sort()).toEqual([...SITE_NAMES].sort());
  });
});

/** Suites that test across modules (by property, or against a corpus) rather than one module each. */
const SUITES = ['tests/unit/properties/', 'tests/unit/reliability/'];
/** Tests of something other than one module, each with the reason. */
const NOT_MIRRORED: Record<string, string> = {
  'tests/unit/conventions.test.ts': 'the tree itself',
  'tests/unit/poll/feed/fixtures-are-as-documented.test.ts': 'the feed fixtures and their README',
};

/** `tests/unit/a/b/name.aspect.test.ts` tests `lib/a/b/name.ts` or `components/…/name.tsx`. */
function moduleOf(testFile: string): string[] {
  const rel = relative('tests/unit', testFile);
  const dir = dirname(rel) === '.' ? '' : `${dirname(rel)}/`;
  const name = rel.slice(dir.length).split('.')[0]!;
  const roots = dir.startsWith('components/') ? [''] : ['lib/'];
  return roots.flatMap((root) => ['.ts', '.tsx'].map((ext) => `${root}${dir}${name}${ext}`));
}

describe('tests mirror lib/ and components/', () => {
  const tests = filesUnder('tests/unit', () => true);

  it('holds only test files: helpers live in tests/support/', () => {
    expect(tests.filter((f) => !/\.test\.tsx?$/.test(f))).toEqual([]);
  });

  it('puts each test beside the path of the module it tests', () => {
    const stray = tests
      .filter((f) => /\.test\.tsx?$/.test(f))
      .filter((f) => !SUITES.some((suite) => f.startsWith(suite)) && !(f in NOT_MIRRORED))
      .filter((f) => !moduleOf(f).some((candidate) => existsSync(join(ROOT, candidate))));
    expect(stray).toEqual([]);
  });
});

const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** The lib/ files a file imports (relative and `@/` specifiers; type-only imports count too). */
function importsOf(file: string, known: Set<string>): string[] {
  const out: string[] = [];
  for (const match of read(file).matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    let base: string;
    if (spec.startsWith('@/')) base = spec.slice(2);
    else if (spec.startsWith('.')) base = join(dirname(file), spec);
    else continue;
    const target = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => known.has(candidate));
    if (target) out.push(target);
  }
  return out;
}

/** Every cycle's files, found by depth-first search (each cycle reported once per entry point). */
export function importCircles(graph: Map<string, string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return circles;
}

describe('lib/ has no import circles and no file over 400 lines', () => {
  const libFiles = filesUnder('lib', (f) => SOURCE.test(f));

  it('finds circles where there are some (the check can fail)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCircles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(importCircles(new Map([['a', ['b']]]))).toEqual([]);
  });

  it('has none in lib/, components/ and entrypoints/', () => {
    const files = [...libFiles, ...filesUnder('components', (f) => SOURCE.test(f))];
    files.push(...filesUnder('entrypoints', (f) => SOURCE.test(f)));
    const known = new Set(files);
    const graph = new Map(files.map((file) => [file, importsOf(file, known)]));
    expect([...graph.values()].flat().length, 'the import reader finds imports').toBeGreaterThan(100);
    expect(importCircles(graph)).toEqual([]);
  });

  it('keeps every file of lib/ at 400 lines or fewer', () => {
    const long = libFiles
      .map((file) => [file, read(file).split('\n').length] as const)
      .filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });
});
