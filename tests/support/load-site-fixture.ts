/** Parses a saved page from tests/fixtures/sites/ the way the adapters see a live one. */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';

export function loadFixture(relativePath: string): Document {
  return parseDocument(fixtureText(relativePath));
}

export function fixtureText(relativePath: string): string {
  return readFileSync(new URL(`../fixtures/sites/${relativePath}`, import.meta.url), 'utf8');
}

export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

/**
 * One fixture of tests/fixtures/sites/<site>/manifest.json: which page version it stands for, the
 * URL it is read at, what it was modelled on, and what the adapters must read off it (`title`
 * null: not a talk page, nothing may be read).
 */
export interface FixtureEntry {
  version: string;
  file: string;
  url: string;
  source: string;
  title: string | null;
  speakers?: string[];
}

export function loadManifest(site: string): FixtureEntry[] {
  return JSON.parse(fixtureText(`${site}/manifest.json`)) as FixtureEntry[];
}
