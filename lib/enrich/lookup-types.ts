/**
 * The schedule box's payloads, shared by the content script (which renders them) and the
 * background (which fills them): the session the page describes, the recording and related
 * talks found for it, the user's marks on what the box shows. The messages that carry them are
 * in lib/messages.ts. Types, a few constants and the check of an answer's shape.
 */
import type { ScheduleSession } from './page/sites/types';
import { isLivePart, type LivePart } from '../live/types';

export type { LivePart };

/** A recorded talk as the box shows it: plain text and http(s) URLs only. */
export interface TalkCard {
  id: string;
  title: string;
  conference: string;
  speakers: string[];
  /** media.ccc.de talk page. */
  url: string;
  /** Thumbnail image URL, '' when none. */
  thumbnail: string;
  durationSeconds: number;
  /** When the talk was given (epoch ms), 0 unknown. */
  date: number;
  /** When Aftertalk first saw the recording in the feed (epoch ms): "released" as far as we know. */
  firstSeenAt: number;
  /**
   * The duration and the release date as the box prints them ('' when unknown), formatted by the
   * background: the first Intl format in a page costs its content script 30 to 60 ms.
   */
  durationText: string;
  releasedText: string;
}

/** The recording found for the page's talk. */
export interface RecordingMatch {
  talk: TalkCard;
  /** Direct media file (the feed's enclosure), '' when none. */
  fileUrl: string;
  fileType: string;
  fileBytes: number;
  /** The download link's text, e.g. "Download video (MP4, 1.2 GB)" ('' without a file), made in the background. */
  downloadText: string;
  /** Which key joined page and recording, most reliable first. */
  by: 'guid' | 'url' | 'code' | 'schedule-id' | 'title-speakers' | 'title';
  /** 'possible' when only the title matched: the box says so. */
  confidence: 'sure' | 'possible';
}

export interface ScheduleLookupResult {
  recording: RecordingMatch | null;
  /** Up to 5 recorded talks, most related first, never the page's own talk. */
  related: TalkCard[];
  /**
   * True when only the page's schedule export (GUID) could still find the recording: a pretalx
   * page of an event whose stored talks carry no codes. The content script may then ask again.
   */
  exportMayHelp: boolean;
  /** The user's marks on the talks shown (and on the page's talk): only about what the box shows. */
  mine: BoxMarks;
  /** What the box says while there is no sure recording (null when there is one). */
  missing: MissingRecording | null;
  /**
   * The talk live in a room now, or its ReLive while the recording is not in the archive
   * (lib/live/join.ts); absent or null when neither, or when the streaming hosts are not allowed.
   */
  live?: LivePart | null;
  /**
   * True when the related talks are still to come: a worker woken by the page answered the
   * recording before its related-talks index had loaded (`relatedLater` of the request). The box
   * keeps the list's place; the content script asks again for the whole answer.
   */
  relatedPending?: boolean;
}

/**
 * Why there is no sure recording, and so what the box may promise:
 * - `checking`: not in the archive, and media.ccc.de's own archive was not asked about this page
 *   yet: the content script asks (`schedule-history`), the box says it is looking;
 * - `not-yet`: a recent or upcoming talk, or its conference is still being released: "No recording
 *   published yet", and "Notify me";
 * - `none`: an older talk media.ccc.de has no recording of: "No recording on media.ccc.de";
 * - `unknown`: media.ccc.de's archive could not be asked (offline, an error): the box says so and
 *   promises nothing.
 */
export const MISSING_RECORDINGS = ['checking', 'not-yet', 'none', 'unknown'] as const;
export type MissingRecording = (typeof MISSING_RECORDINGS)[number];

/**
 * Whether a value has the shape of a lookup answer: what the content script checks on the
 * background's answer, and the box's frame on what the content script sends it.
 */
export function isScheduleLookupResult(value: unknown): value is ScheduleLookupResult {
  if (!value || typeof value !== 'object') return false;
  const r = value as Partial<ScheduleLookupResult>;
  return (
    Array.isArray(r.related) &&
    (r.recording === null || (!!r.recording && typeof r.recording === 'object')) &&
    typeof r.exportMayHelp === 'boolean' &&
    (r.relatedPending === undefined || typeof r.relatedPending === 'boolean') &&
    !!r.mine &&
    typeof r.mine === 'object' &&
    (r.missing === null || (MISSING_RECORDINGS as readonly unknown[]).includes(r.missing)) &&
    (r.live === undefined || r.live === null || isLivePart(r.live))
  );
}

export interface BoxMarks {
  /** Ids, among the recording and the related talks, on Watch later. */
  watchLater: string[];
  /** Ids, among the recording and the related talks, marked watched. */
  watched: string[];
  /** The page's talk is on the waiting list ("notify me when the recording is published"). */
  waiting: boolean;
}

/**
 * `opened`: the user followed a recording link in the box (marks it watched if they chose so);
 * `played`: the box's player saw about 90 % of the talk (marks it watched if they chose so).
 */
export type BoxAction = 'watch-later' | 'watched' | 'notify-me' | 'opened' | 'played';

/** What the box's frame may report: a `BoxAction`, or `play` (Play, or closing the player), which the content script handles itself. */
export type BoxControl = BoxAction | 'play';

/** The player open in the box, for the talk the user pressed Play on. */
export interface BoxPlayer {
  talkId: string;
}

/** The session fields the background needs; everything bounded in length by the validator. */
export type SessionQuery = Pick<
  ScheduleSession,
  'site' | 'title' | 'speakers' | 'scheduleUrl' | 'code' | 'event' | 'guid' | 'scheduleId' | 'abstract' | 'track'
>;

/** How many related talks the box shows at most. */
export const RELATED_LIMIT = 5;

/** No marks at all: the lookup knows nothing of the user (lib/enrich/answer/box-actions.ts adds them). */
export const NO_MARKS: BoxMarks = Object.freeze({ watchLater: [], watched: [], waiting: false }) as BoxMarks;

/** What the box shows: looking, the answer (which may be "nothing found"), or that asking failed. */
export type BoxState = 'loading' | 'ready' | 'error';

/** A click on one of the box's buttons, handed to the content script to send to the background. */
export type BoxActionHandler = (action: BoxControl, on: boolean, talkId?: string) => void;
