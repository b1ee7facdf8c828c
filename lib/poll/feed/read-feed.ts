/**
 * From feed text to raw items, checked: the fast way for items of the usual shape
 * (lib/poll/feed/item-reader.ts), fast-xml-parser for the rest and for the channel around them.
 *
 * The document is cut into items (lib/poll/feed/item-chunks.ts). Each run of wanted items the fast
 * reader accepts is replaced by one numbered placeholder `<item data-aftertalk-read-item="N"/>`;
 * items it refuses stay as they are. What remains (the channel, the placeholders, the odd items) is small
 * and goes through the same checks and parser as a whole feed did before (`checkFeedXml`,
 * `parseCheckedFeedXml`), which then puts the fast items back at their placeholders. So:
 * - a broken document is refused exactly as before: the fast reader accepts only well-formed
 *   items, only whitespace lies between items, and everything else is checked as before;
 * - feed order and channel namespaces apply to every item alike;
 * - placeholders that do not come back in order (an item inside a comment, say) make the whole
 *   text go the old way, so no trick of the document can make the two readers disagree;
 * - when what remains does not read, each odd item is checked on its own (`isReadableItem`), and the
 *   ones that do not read are skipped (counted in `skippedItems`): one broken or hostile item costs
 *   that item, never the poll. A document whose every item is broken, or whose breakage is outside
 *   the items, is refused as before.
 */
import { type ItemChunks, keepItems } from './item-chunks';
import { readSimpleItem } from './item-reader';
import {
  checkFeedXml,
  isReadableItem,
  parseCheckedFeedXml,
  type ParsedFeed,
  type RawItem,
  SLOT_ATTRIBUTE,
  SlotMismatchError,
} from './parse';

export interface ReadFeed extends ParsedFeed {
  /** Items read by the fast reader / by fast-xml-parser (for the benchmark and tests). */
  fastItems: number;
  slowItems: number;
  /** Wanted items skipped because they are not well-formed or do not parse on their own. */
  skippedItems: number;
}

export interface ReadOptions {
  /** Which items to read (the others are known from the last body); all when absent. */
  wanted?: (index: number) => boolean;
  /** Called between the steps, for the sync's phase timings. */
  phase?: (name: 'read items' | 'validate' | 'parse') => void;
}

/**
 * Reads a feed. `chunks` is `splitItems(xml)`; null (the text does not split cleanly) reads the
 * whole document with fast-xml-parser. Throws `FeedError` for a document that is no feed.
 */
export function readFeed(
  xml: string,
  chunks: ItemChunks | null,
  { wanted = () => true, phase = () => undefined }: ReadOptions = {},
): ReadFeed {
  if (!chunks) return readSlowly(xml, phase);
  const parts: string[] = [];
  /** Which of `parts` are odd items, as they are (the others are placeholders). */
  const oddParts = new Set<number>();
  const slots: RawItem[][] = [];
  let run: RawItem[] | null = null;
  let fastItems = 0;
  let slowItems = 0;
  let wantedItems = 0;
  chunks.items.forEach((chunk, index) => {
    if (!wanted(index)) return;
    wantedItems++;
    const item = readSimpleItem(chunk);
    if (!item) {
      oddParts.add(parts.length);
      parts.push(chunk);
      slowItems++;
      run = null;
      return;
    }
    fastItems++;
    if (run) return void run.push(item);
    // Only whitespace lies between the items of `chunks`, so a run shares one parent element.
    run = [item];
    parts.push(`<item ${SLOT_ATTRIBUTE}="${slots.length}"/>`);
    slots.push(run);
  });
  phase('read items');
  const wantedText = () => (wantedItems === chunks.items.length ? xml : keepItems(chunks, wanted).xml);
  const counts = { fastItems, slowItems, skippedItems: 0 };
  try {
    return readRest(chunks.head + parts.join('\n') + chunks.tail, slots, counts, phase);
  } catch (error) {
    if (error instanceof SlotMismatchError) {
      console.warn('Aftertalk: the feed did not read the fast way, reading it in full', error.message);
      return readSlowly(wantedText(), phase);
    }
    // One odd item may be what breaks the document: skip those that do not read on their own.
    const bad = [...oddParts].filter((index) => !isReadableItem(parts[index]!));
    const everyItemBad = bad.length === wantedItems && wantedItems === chunks.items.length;
    if (bad.length > 0 && !everyItemBad) {
      const kept = parts.filter((_, index) => !bad.includes(index));
      counts.slowItems -= bad.length;
      counts.skippedItems = bad.length;
      try {
        const read = readRest(chunks.head + kept.join('\n') + chunks.tail, slots, counts, phase);
        console.warn(`Aftertalk: skipped ${bad.length} feed item(s) that are not well-formed`);
        return read;
      } catch {
        // Something outside those items is broken too: refused as before.
      }
    }
    // Refused: say why with the line numbers of the document itself, not of the cut-down one.
    return readSlowly(wantedText(), phase);
  }
}

/** Checks and parses what is left once the fast items are placeholders; throws as `checkFeedXml` does. */
function readRest(
  rest: string,
  slots: RawItem[][],
  counts: Pick<ReadFeed, 'fastItems' | 'slowItems' | 'skippedItems'>,
  phase: NonNullable<ReadOptions['phase']>,
): ReadFeed {
  checkFeedXml(rest);
  phase('validate');
  const parsed = parseCheckedFeedXml(rest, slots);
  phase('parse');
  return { ...parsed, ...counts };
}

function readSlowly(xml: string, phase: NonNullable<ReadOptions['phase']>): ReadFeed {
  checkFeedXml(xml);
  phase('validate');
  const parsed = parseCheckedFeedXml(xml);
  phase('parse');
  return { ...parsed, fastItems: 0, slowItems: parsed.items.length, skippedItems: 0 };
}
