/** Parses a saved page from tests/fixtures/sites/ the way the adapters see a live one. */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';

export function loadFixture(relativePath: string): Document {
  const html = readFileSync(new URL(`../fixtures/sites/${relativePath}`, import.meta.url), 'utf8');
  return parseHTML(html).document as unknown as Document;
}

export function parseDocument(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}
