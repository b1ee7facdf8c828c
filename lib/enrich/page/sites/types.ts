/**
 * What a schedule-site adapter reads off a talk page. Adapters are pure functions of a
 * `Document` and a `URL` so unit tests can feed them saved fixture pages.
 */

/** Every site adapter's name: the one list the message validator and the waiting list check against. */
export const SITE_NAMES = ['pretalx', 'fosdem', 'ccc-hub', 'linked-page'] as const;
export type SiteName = (typeof SITE_NAMES)[number];

/**
 * How long each field of a session may be. The adapters cut what a page hands them to these
 * lengths, and the background refuses a message that exceeds them: one list, so the two sides
 * can never disagree and the background silently drop what a page legitimately sent.
 */
export const SESSION_LIMITS = {
  title: 500,
  speakers: 20,
  speaker: 200,
  event: 100,
  url: 2048,
  /** Enough text to score related talks; the page's own text is never shown back. */
  abstract: 2000,
  track: 100,
  /** pretalx codes are 4 to 16 upper-case letters and digits. */
  code: 16,
  guid: 100,
  scheduleId: 12,
  videoLinks: 10,
  label: 200,
} as const;

export interface VideoLink {
  /** The link's visible label, e.g. "Video recording (MP4) - 120.3 MB". */
  label: string;
  url: string;
  kind: 'webm' | 'mp4' | 'vtt' | 'other';
}

export interface ScheduleSession {
  site: SiteName;
  title: string;
  speakers: string[];
  /** The page URL after `normaliseScheduleUrl`. */
  scheduleUrl: string;
  /** pretalx talk code, upper-case (pretalx pages, FOSDEM 2026 slugs, `/sessions/<CODE>/`). */
  code?: string;
  /** Event slug or conference acronym as the page names it (lower-case), when known. */
  event?: string;
  /** Schedule GUID when the page itself states it. */
  guid?: string;
  /** Numeric schedule id (old frab pages, FOSDEM 2024-25 slugs). */
  scheduleId?: string;
  /** The talk's abstract/description as plain text (bounded), for related-talk scoring. */
  abstract?: string;
  /** Track name when the page shows it. */
  track?: string;
  /** True when the page already embeds a media.ccc.de player (pretalx recording plugin). */
  hasEmbeddedRecording: boolean;
  /** Recording links the page itself offers (FOSDEM video.fosdem.org links), http(s) only. */
  videoLinks: VideoLink[];
}

/** Where the box goes: inserted into `parent` before `before` (append when null). */
export interface MountPoint {
  parent: Element;
  before: Node | null;
}

export interface SiteAdapter {
  name: SiteName;
  /** Cheap URL test run first on every page; must not touch the DOM. */
  matchesUrl(url: URL): boolean;
  /** Reads the session off the page, or null when this is not a talk page after all. */
  extract(doc: Document, url: URL): ScheduleSession | null;
  mountPoint(doc: Document): MountPoint | null;
}
