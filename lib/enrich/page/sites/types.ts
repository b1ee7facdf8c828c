/**
 * What a schedule-site adapter reads off a talk page. Adapters are pure functions of a
 * `Document` and a `URL` so unit tests can feed them saved fixture pages.
 */

export type SiteName = 'pretalx' | 'fosdem' | 'ccc-hub' | 'linked-page';

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
