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
 *   text go the old way, so no trick of the document can make the two readers disagree.
 */
import { type ItemChunks, keepItems } from './item-chunks';
import { readSimpleItem } from './item-reader';
import {
  checkFeedXml,
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
  const rest = chunks.head + parts.join('\n') + chunks.tail;
  const wantedText = () => (wantedItems === chunks.items.length ? xml : keepItems(chunks, wanted).xml);
  try {
    checkFeedXml(rest);
  } catch {
    // Refused: say why with the line numbers of the document itself, not of the cut-down one.
    return readSlowly(wantedText(), phase);
  }
  phase('validate');
  try {
    const parsed = parseCheckedFeedXml(rest, slots);
    phase('parse');
    return { ...parsed, fastItems, slowItems };
  } catch (error) {
    if (!(error instanceof SlotMismatchError)) throw error;
    console.warn('Aftertalk: the feed did not read the fast way, reading it in full', error.message);
    return readSlowly(wantedText(), phase);
  }
}

function readSlowly(xml: string, phase: NonNullable<ReadOptions['phase']>): ReadFeed {
  checkFeedXml(xml);
  phase('validate');
  const parsed = parseCheckedFeedXml(xml);
  phase('parse');
  return { ...parsed, fastItems: 0, slowItems: parsed.items.length };
}
