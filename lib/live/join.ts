/**
 * Joining the streaming site's data with what Aftertalk knows (docs/live.md): a streamed
 * conference with the archive's acronym or a schedule page's event, a room's talk or a ReLive item
 * with the page's talk (GUID first, then the pretalx code, then the title), and what is on now.
 */
import { eventMatchesConference, joinableTitleKey } from '../match/talk-keys';
import type { LiveState, SeenConference } from './store';
import type { LiveConference, LivePart, LiveTalk, ReliveItem } from './types';

/** A conference of the streaming site is the one the archive or a page calls `name` (`39c3`, `39C3`). */
export function conferenceMatches(conference: Pick<LiveConference, 'slug' | 'acronym'>, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return false;
  if (wanted === conference.acronym || wanted === conference.slug.toLowerCase()) return true;
  // The looser rule joins `all-systems-go-2025` with `asg2025`; a name as short as `c3` or `ds`
  // would be found inside too many acronyms.
  if (Math.min(wanted.length, conference.acronym.length) < 4) return false;
  return eventMatchesConference(wanted, conference.acronym);
}

/** What a page or a waiting entry says about a talk. */
export interface TalkRef {
  title: string;
  guid?: string | undefined;
  code?: string | undefined;
}

/**
 * The same talk: by GUID when both have one, else by code when both have one, else by a title
 * long enough to be told apart (lib/match/talk-keys.ts `joinableTitleKey`). A key both sides have
 * decides alone: two GUIDs that differ are two talks, whatever their titles say.
 */
export function sameTalk(a: TalkRef, b: TalkRef): boolean {
  const [guidA, guidB] = [a.guid?.toLowerCase() ?? '', b.guid?.toLowerCase() ?? ''];
  if (guidA && guidB) return guidA === guidB;
  const [codeA, codeB] = [a.code?.toLowerCase() ?? '', b.code?.toLowerCase() ?? ''];
  if (codeA && codeB) return codeA === codeB;
  const title = joinableTitleKey(a.title);
  return title !== '' && title === joinableTitleKey(b.title);
}

/** The talk a room shows at `now`: its current talk, or its next one once that has begun; no fillers. */
export function talkOnAir(room: { current: LiveTalk | null; next: LiveTalk | null }, now: number): LiveTalk | null {
  for (const talk of [room.current, room.next])
    if (talk && !talk.special && talk.title && talk.start <= now && now < talk.end) return talk;
  return null;
}

function conferencesOf(state: LiveState, event: string | undefined): SeenConference[] {
  return event ? state.conferences.filter((conference) => conferenceMatches(conference, event)) : [];
}

/** The ReLive item of a talk (not one that is not running yet), or null. */
export function reliveFor(state: LiveState, talk: TalkRef & { event?: string | undefined }): ReliveItem | null {
  const acronyms = new Set(conferencesOf(state, talk.event).map((c) => c.acronym));
  if (talk.event) acronyms.add(talk.event.toLowerCase());
  for (const acronym of acronyms) {
    const items = Object.hasOwn(state.relive, acronym) ? state.relive[acronym]!.items : [];
    const item = items.find((candidate) => candidate.status !== 'not_running' && sameTalk(talk, candidate));
    if (item) return item;
  }
  return null;
}

/**
 * What the box says about a schedule page's talk: live in a room right now, else (while its
 * recording is not in the archive) its ReLive; null when neither.
 */
export function livePartFor(
  state: LiveState,
  talk: TalkRef & { event?: string | undefined },
  now: number,
  hasRecording: boolean,
): LivePart | null {
  for (const conference of conferencesOf(state, talk.event))
    for (const room of conference.rooms) {
      const onAir = talkOnAir(room, now);
      if (onAir && sameTalk(talk, onAir)) return { kind: 'live', room: room.name, url: room.streamUrl, end: onAir.end };
    }
  if (hasRecording) return null;
  const item = reliveFor(state, talk);
  if (!item || item.status === 'not_running') return null;
  return { kind: 'relive', room: item.room, url: item.pageUrl, status: item.status };
}

export interface LiveNowRoom {
  name: string;
  url: string;
  talk: LiveTalk;
}

export interface LiveNowConference {
  acronym: string;
  title: string;
  rooms: LiveNowRoom[];
}

/** The popup's "Live now": per wanted conference, the rooms with a talk on air at `now`. */
export function liveNow(
  state: LiveState,
  now: number,
  wanted: (conference: LiveConference) => boolean,
): LiveNowConference[] {
  const out: LiveNowConference[] = [];
  for (const conference of state.conferences) {
    if (!wanted(conference)) continue;
    const rooms: LiveNowRoom[] = [];
    for (const room of conference.rooms) {
      const talk = talkOnAir(room, now);
      if (talk) rooms.push({ name: room.name, url: room.streamUrl, talk });
    }
    if (rooms.length) out.push({ acronym: conference.acronym, title: conference.title, rooms });
  }
  return out;
}
