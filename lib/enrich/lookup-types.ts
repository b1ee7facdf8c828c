/**
 * What the schedule-page content script asks the background and what it gets back.
 * The content script never opens IndexedDB: it sends a `ScheduleLookupRequest` (validated in
 * lib/enrich/answer/lookup-request.ts) and renders a `ScheduleLookupResult` as text and links.
 */
import type { ScheduleSession } from './page/sites/types';

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
}

export interface BoxMarks {
  /** Ids, among the recording and the related talks, on Watch later. */
  watchLater: string[];
  /** Ids, among the recording and the related talks, marked watched. */
  watched: string[];
  /** The page's talk is on the waiting list ("notify me when the recording is published"). */
  waiting: boolean;
}

/** `opened`: the user followed a recording link in the box (marks it watched if they chose so). */
export type BoxAction = 'watch-later' | 'watched' | 'notify-me' | 'opened';

/** A button in the box: turn a mark on or off for a talk the box shows (or the page's talk). */
export interface ScheduleActionRequest {
  type: 'schedule-action';
  session: SessionQuery;
  onlyIfKnownUrl: boolean;
  action: BoxAction;
  on: boolean;
  /** For every action but `notify-me`: a talk id the box shows. */
  talkId?: string;
}

/** The session fields the background needs; everything bounded in length by the validator. */
export type SessionQuery = Pick<
  ScheduleSession,
  'site' | 'title' | 'speakers' | 'scheduleUrl' | 'code' | 'event' | 'guid' | 'scheduleId' | 'abstract' | 'track'
>;

export interface ScheduleLookupRequest {
  type: 'schedule-lookup';
  session: SessionQuery;
  /**
   * Set for pages only the `linked-page` adapter read: answer only when a stored talk names this
   * URL as its schedule page, otherwise `null` (the content script then shows nothing).
   */
  onlyIfKnownUrl: boolean;
}

/**
 * Sent at `document_start` when the URL alone says the page may be a talk page: the worker
 * wakes and loads what a lookup needs (the related-talks index) while the page is still loading.
 * Carries nothing, answers nothing but whether the warm-up went well.
 */
export interface ScheduleWarmRequest {
  type: 'schedule-warm';
}
