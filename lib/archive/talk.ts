/**
 * The talk record kept in the local archive.
 *
 * A stored talk is the union of three parts that have different owners:
 * - `TalkFeedData`: what the feed says about the talk. Every sync may overwrite it.
 * - `TalkArchiveMeta`: bookkeeping written by the archive when it first/last saw the talk.
 * - `TalkUserState`: what the user did. A sync never writes it (see `mergeFeedIntoArchive`).
 */

export interface Enclosure {
  url: string;
  type: string;
  /** Bytes as the feed claims them; 0 when the feed says 0 or nothing. */
  length: number;
}

/** Where `TalkFeedData.id` came from; only `guid` is stable across feeds and file changes. */
export type TalkIdSource = 'guid' | 'slug' | 'enclosure';

export interface TalkFeedData {
  /** `dc:identifier` (the schedule GUID); fallbacks are prefixed `slug:` / `enclosure:`. */
  id: string;
  idSource: TalkIdSource;
  /** Title without the trailing `(ACRONYM)`. */
  title: string;
  /** Conference acronym from the last parentheses of the feed title, '' when absent. */
  conference: string;
  /** Recording page, `https://media.ccc.de/v/<slug>`. */
  url: string;
  /** Last path segment of `url`, '' when the link is not a media.ccc.de talk link. */
  slug: string;
  /** The `about this event:` URL (raw, http(s) only), '' when absent or the c3voc placeholder. */
  scheduleUrl: string;
  /** Plain text: markup, licence line and `about this event:` line removed. */
  description: string;
  subtitle: string;
  speakers: string[];
  tags: string[];
  /** ISO 639-2 style code(s) from the `<acronym>-<lang>` tag, e.g. `eng`, `deu-eng`; '' unknown. */
  language: string;
  /** When the talk was given (epoch ms), from `pubDate`/`dc:date`; 0 when unknown. */
  date: number;
  /** 0 when unknown. */
  durationSeconds: number;
  thumbnail: string;
  enclosure: Enclosure | null;
}

export interface TalkArchiveMeta {
  /** Epoch ms of the sync that first stored this id. */
  firstSeenAt: number;
  /** Epoch ms of the last sync that wrote this talk's feed data (first import or a change). */
  lastSeenInFeedAt: number;
  /** 0-based index in the feed when the talk's data was last written (0 = newest release). */
  feedPosition: number;
  /**
   * Sort key for "latest releases": later syncs sort first, then feed order within a sync.
   * Stays fixed once written, so talks that leave the feed keep their place in the archive.
   */
  releaseKey: number;
  /**
   * 1 for a talk that came from media.ccc.de's archive (the JSON API) rather than the feed: an
   * older recording, fetched for a schedule page or a catalogue import. History is never new.
   */
  fromHistory?: 1;
  /** When media.ccc.de released a history talk (epoch ms, 0 unknown); feed talks use `firstSeenAt`. */
  releasedAt?: number;
}

export interface TalkUserState {
  /** 1 while the talk is new and not yet seen by the user (a number so Dexie can index it). */
  isNew: 0 | 1;
  /** Epoch ms when the user marked it seen, 0 when never. */
  seenAt: number;
}

export type StoredTalk = TalkFeedData &
  TalkArchiveMeta &
  TalkUserState &
  TalkMatchKeys & {
    /** Lower-case word prefixes of title, speakers and conference for the search index. */
    words: string[];
    /** 1 once description and subtitle were removed to make room on a full disk (lib/archive/merge.ts). */
    textTrimmed?: 1;
  };

export const USER_STATE_KEYS = ['isNew', 'seenAt'] as const satisfies readonly (keyof TalkUserState)[];

/**
 * The join keys between a stored recording and a schedule page, derived from the feed data when a
 * talk is stored (lib/match/talk-keys.ts `matchKeysOf`) and indexed, so a page lookup is a few index hits.
 */
export interface TalkMatchKeys {
  /** `normaliseScheduleUrl` of the `about this event:` link, '' when none. */
  scheduleKey: string;
  /** pretalx talk code (upper-case), '' when unknown. */
  code: string;
  /** Numeric schedule id (frab, pre-2024 pretalx, FOSDEM 2024-25), '' when unknown. */
  scheduleId: string;
  /** `titleKey(title)`; '' for titles too generic to join on ("Opening", "Lightning talks"). */
  titleKey: string;
}
