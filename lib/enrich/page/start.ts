/**
 * The content script's whole run on a page, wired from its parts: the address as loaded, the
 * early wake-up of the background, the box's frame parked early on talk-like addresses, and the
 * enrichment once the HTML is parsed.
 */
import type { Send } from '../../messages';
import { enrichSchedulePage, wakeBackgroundForTalkUrl, whenParsed, type EnrichOutcome } from './enrich-page';
import { mountBoxHost, parkBoxEarly, type BoxHostOptions } from './box-host';

export interface ScheduleStart {
  doc: Document;
  /** `location.href` read at document_start, before any page script ran. */
  href: string;
  send: Send;
  frame: BoxHostOptions;
  guidFromExport?(href: string, code: string): Promise<string | null>;
}

export function startSchedulePage(start: ScheduleStart): Promise<EnrichOutcome> {
  const { doc, href, send, frame } = start;
  const talkLike = wakeBackgroundForTalkUrl(href, send);
  let parked = talkLike ? parkBoxEarly(doc, frame) : null;
  return new Promise((resolve) => {
    whenParsed(doc, () => {
      void enrichSchedulePage({
        doc,
        href,
        send,
        mountBox: (mount, session) => {
          const early = parked;
          parked = null;
          return early ? early.place(mount, session) : mountBoxHost(mount, session, frame);
        },
        ...(start.guidFromExport ? { guidFromExport: start.guidFromExport } : {}),
      }).then((outcome) => {
        // Not a talk page after all (or no place for the box): the parked frame goes.
        parked?.discard();
        parked = null;
        resolve(outcome);
      });
    });
  });
}
