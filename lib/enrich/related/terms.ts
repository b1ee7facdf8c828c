/**
 * What a talk's index terms are: the weights of title, speakers, tags, conference and description,
 * which tags are noise or room names, and the speaker and conference tokens. This is the place to
 * tune relevance: the index only stores these terms and scores them with BM25 (query.ts, which
 * also damps the `conf:` term).
 *
 * Any change to the weights or rules here changes stored snapshots' meaning: bump `TERMS_VERSION`
 * so old snapshots are rejected and rebuilt.
 */
import { nameWords, tokenize } from './tokenize';

export interface RelatedDoc {
  id: string;
  title: string;
  speakers: string[];
  tags: string[];
  conference: string;
  /** Plain text; only its first `DESCRIPTION_MAX_TOKENS` index terms count. Append the subtitle here if wanted. */
  description: string;
}

/** Bump when `termsOfDoc` weights or rules change; part of the snapshot version. */
export const TERMS_VERSION = 1;

/** The title says what the talk is about more densely than anything else. */
const TITLE_WEIGHT = 3;
/** A shared speaker is a strong signal; the full name is one token so that first names do not match. */
const SPEAKER_WEIGHT = 3;
/** Name parts still count a little: descriptions mention people ("Poettering's systemd"). */
const SPEAKER_WORD_WEIGHT = 1;
const TAG_WEIGHT = 2;
/** Per word of a tag with several words. */
const MULTI_WORD_TAG_WEIGHT = 1;
const CONFERENCE_WEIGHT = 1;
const DESCRIPTION_WEIGHT = 1;
/** Abstracts state the topic up front; the rest of long descriptions is outlines and links. */
export const DESCRIPTION_MAX_TOKENS = 300;

export const SPEAKER_PREFIX = 'speaker:';
export const CONFERENCE_PREFIX = 'conf:';

const HONORIFICS = new Set(['dr', 'prof', 'phd', 'mr', 'mrs', 'ms']);
/** ISO 639-2 codes seen in `<acronym>-<lang>` tags (see lib/poll/feed/normalise.ts). */
const LANGUAGE_CODES = new Set([
  'eng',
  'deu',
  'fra',
  'spa',
  'ita',
  'nld',
  'por',
  'rus',
  'pol',
  'ces',
  'swe',
  'dan',
  'fin',
  'nor',
  'jpn',
  'zho',
  'ara',
  'tur',
  'ukr',
  'gsw',
  'mul',
  'und',
]);
const LANGUAGE_TAG = /^(?:(.+?)-)?([a-z]{3}(?:-[a-z]{3})*)$/;
/** pretalx submission codes such as "8AA87L": 4-16 upper-case letters and digits with a digit. */
const PRETALX_CODE = /^(?=[A-Z0-9]*\d)[A-Z0-9]{4,16}$/;

/** `<acronym>-<lang>` tags ("39c3-eng", "asg2025-deu-eng") or a bare language code. */
function isLanguageTag(lower: string, conf: string): boolean {
  const match = LANGUAGE_TAG.exec(lower);
  if (!match) return false;
  return (conf !== '' && match[1] === conf) || match[2]!.split('-').every((code) => LANGUAGE_CODES.has(code));
}

/**
 * Tags that say nothing about the topic: schedule ids, years, pretalx codes, "Day 2", the
 * conference acronym (it gets its own, deliberately weak term) and language tags ("39c3-eng").
 */
export function isNoiseTag(tag: string, conference: string): boolean {
  const t = tag.trim();
  if (!t || /^\d+$/.test(t) || /^day\s*\d+$/i.test(t) || PRETALX_CODE.test(t)) return true;
  const lower = t.toLowerCase();
  const conf = conference.trim().toLowerCase();
  return (conf !== '' && lower === conf) || isLanguageTag(lower, conf);
}

/**
 * Room names that say so ("Saal One", "Main Hall", "HS1", FOSDEM's "K.4.201" / "H.1302 (Depage)").
 * Also the word "room"/"raum" alone ("Room 2").
 */
const ROOM_TAG =
  /(?:^|[^\p{L}])(?:saal|hall|h[oö]rsaal|room|raum|stage|b[uü]hne|auditorium)(?:$|[^\p{L}])|^hs\s?\d+$|^[a-z]{1,3}\d?\.\d/iu;

/**
 * The tags worth indexing, in order. Besides noise tags this drops room names: a room is shared by
 * the talks of one conference only, so it would act as a second, strong conference token and pull
 * unrelated talks of the same event to the top. voctopublish writes `<code>, <year>, <acronym>,
 * <track>, <room>, <acronym>-<lang>..., [extra], Day N`, so the tag right before the first language
 * tag is the room, provided a topical tag (the track) precedes it; room-like names go anyway.
 */
export function topicalTags(tags: readonly string[], conference: string): string[] {
  const kept: string[] = [];
  let lastKeptAt = -1;
  let sawLanguage = false;
  const conf = conference.trim().toLowerCase();
  tags.forEach((tag, i) => {
    if (isNoiseTag(tag, conference)) {
      if (!sawLanguage && isLanguageTag(tag.trim().toLowerCase(), conf)) {
        sawLanguage = true;
        if (lastKeptAt === i - 1 && kept.length >= 2) kept.pop();
      }
      return;
    }
    if (ROOM_TAG.test(tag.trim())) return;
    kept.push(tag);
    lastKeptAt = i;
  });
  return kept;
}

/** "Dr. Lennart Pöttering" -> "speaker:lennart_pottering"; '' for a name without letters or digits. */
export function speakerTerm(name: string): string {
  const words = nameWords(name).filter((word) => !HONORIFICS.has(word));
  return words.length > 0 ? `${SPEAKER_PREFIX}${words.join('_').slice(0, 100)}` : '';
}

/** "39C3" -> "conf:39c3"; '' when there is no acronym. */
export function conferenceTerm(conference: string): string {
  const words = nameWords(conference);
  return words.length > 0 ? `${CONFERENCE_PREFIX}${words.join('').slice(0, 60)}` : '';
}

function addTokens(terms: Map<string, number>, tokens: string[], weight: number): void {
  for (const token of tokens) terms.set(token, (terms.get(token) ?? 0) + weight);
}

/**
 * Weighted term frequencies of a talk (positive integers): title x3, each speaker's full name as
 * one token x3 (+ name words x1), topical tags x2 (x1 per word for multi-word tags; see
 * `topicalTags` for what is dropped), the conference as one `conf:` token x1, and the
 * first `DESCRIPTION_MAX_TOKENS` description terms x1.
 */
export function termsOfDoc(doc: RelatedDoc): Map<string, number> {
  const terms = new Map<string, number>();
  addTokens(terms, tokenize(doc.title), TITLE_WEIGHT);
  for (const speaker of doc.speakers) {
    const term = speakerTerm(speaker);
    if (term) terms.set(term, (terms.get(term) ?? 0) + SPEAKER_WEIGHT);
    addTokens(terms, tokenize(speaker), SPEAKER_WORD_WEIGHT);
  }
  for (const tag of topicalTags(doc.tags, doc.conference)) {
    // A tag is one label: "Society & Politics" must not count twice as much as "Security".
    const tokens = tokenize(tag);
    addTokens(terms, tokens, tokens.length === 1 ? TAG_WEIGHT : MULTI_WORD_TAG_WEIGHT);
  }
  const conference = conferenceTerm(doc.conference);
  if (conference) terms.set(conference, (terms.get(conference) ?? 0) + CONFERENCE_WEIGHT);
  addTokens(terms, tokenize(doc.description, DESCRIPTION_MAX_TOKENS), DESCRIPTION_WEIGHT);
  return terms;
}

/** Query terms for free text (a search box, a schedule page's abstract): each token x1. */
export function termsOfText(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  addTokens(terms, tokenize(text, DESCRIPTION_MAX_TOKENS), 1);
  return terms;
}
