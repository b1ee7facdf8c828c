/**
 * Small DOM readers shared by the site adapters. Everything a page hands us is bounded here,
 * so a hostile page cannot push megabytes of "title" into storage or messages.
 * No globals (`document`, `Node`, ...): tests run these against linkedom documents.
 */
import { SESSION_LIMITS, type MountPoint, type ScheduleSession, type VideoLink } from './types';
import { parseHttpUrl } from '../../../http-url';

const TEXT_NODE = 3;

/** Collapses whitespace (NBSP included), trims, and cuts to `max` UTF-16 units. */
export function cleanText(raw: string | null | undefined, max: number): string {
  if (!raw) return '';
  let s = raw.replace(/\s+/g, ' ').trim();
  if (s.length > max) {
    s = s.slice(0, max);
    // Never leave half a surrogate pair behind.
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
    s = s.trimEnd();
  }
  return s;
}

export function textOf(el: Element | null | undefined, max: number): string {
  return cleanText(el?.textContent, max);
}

/** Text of the element's own text nodes: skips buttons and icons nested next to a title. */
export function ownText(el: Element | null | undefined, max: number): string {
  if (!el) return '';
  const parts: string[] = [];
  el.childNodes.forEach((node) => {
    if (node.nodeType === TEXT_NODE) parts.push(node.textContent ?? '');
  });
  return cleanText(parts.join(' '), max);
}

/** The texts of all matches of `selector` under `root`, joined and bounded (abstract + description). */
export function joinedText(root: ParentNode, selector: string, max: number): string {
  const parts = Array.from(root.querySelectorAll(selector), (el) => el.textContent ?? '');
  return cleanText(parts.join(' '), max);
}

/** Adds the optional text fields only when the page has them, so sessions compare cleanly in tests. */
export function withOptionalText(
  session: ScheduleSession,
  fields: { abstract?: string; track?: string },
): ScheduleSession {
  if (fields.abstract) session.abstract = fields.abstract;
  if (fields.track) session.track = fields.track;
  return session;
}

export function metaContent(doc: Document, selector: string, max: number): string {
  return cleanText(doc.querySelector(selector)?.getAttribute('content'), max);
}

/** Distinct, non-empty names in page order, at most `SESSION_LIMITS.speakers` of them. */
export function collectNames(elements: Iterable<Element>): string[] {
  const names: string[] = [];
  for (const el of elements) {
    const name = textOf(el, SESSION_LIMITS.speaker);
    if (name && !names.includes(name)) names.push(name);
    if (names.length >= SESSION_LIMITS.speakers) break;
  }
  return names;
}

/** The pretalx recording plugin and some re-publishers embed `https://media.ccc.de/v/<slug>/oembed`. */
export const MEDIA_CCC_EMBED = 'iframe[src*="media.ccc.de/v/"]';

export function hasMediaCccEmbed(doc: Document): boolean {
  return doc.querySelector(MEDIA_CCC_EMBED) !== null;
}

/** Resolves an attribute URL against the page; http(s) only, bounded length. */
export function resolveHttpUrl(href: string | null, base: URL): URL | null {
  if (!href || href.length > SESSION_LIMITS.url) return null;
  let resolved: URL;
  try {
    resolved = new URL(href.trim(), base);
  } catch {
    return null;
  }
  return parseHttpUrl(resolved);
}

export function videoKind(url: URL, label: string): VideoLink['kind'] {
  const path = url.pathname.toLowerCase();
  if (path.endsWith('.webm')) return 'webm';
  if (path.endsWith('.mp4')) return 'mp4';
  if (path.endsWith('.vtt')) return 'vtt';
  if (/subtitle|vtt/i.test(label)) return 'vtt';
  if (/webm/i.test(label)) return 'webm';
  if (/mp4/i.test(label)) return 'mp4';
  return 'other';
}

/** Places the box right after `el`, inside its parent. */
export function mountAfter(el: Element): MountPoint | null {
  const parent = el.parentElement;
  return parent ? { parent, before: el.nextSibling } : null;
}

export function mountAtTop(parent: Element | null | undefined): MountPoint | null {
  return parent ? { parent, before: parent.firstChild } : null;
}

/** The elements between a heading whose text matches and the next heading of the same level. */
export function sectionAfterHeading(root: ParentNode, level: string, text: RegExp): Element[] {
  for (const heading of Array.from(root.querySelectorAll(level))) {
    if (!text.test(textOf(heading, 100))) continue;
    const section: Element[] = [];
    for (let el = heading.nextElementSibling; el && el.localName !== level; el = el.nextElementSibling) {
      section.push(el);
    }
    return section;
  }
  return [];
}

/**
 * After the first `h1` inside the first scope that has one, else at the top of `main`/`body`.
 * Used where the markup is not known in detail (CCC hub, pages a stored talk links to).
 */
export function mountAfterFirstHeading(doc: Document, scopes: readonly string[]): MountPoint | null {
  for (const scope of scopes) {
    const heading = doc.querySelector(`${scope} h1`);
    if (heading) return mountAfter(heading);
  }
  return mountAtTop(doc.querySelector('main') ?? doc.body);
}
