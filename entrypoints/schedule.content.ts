import { REQUIRED_SCHEDULE_MATCHES, SCHEDULE_RUN_AT } from '@/lib/enrich/access/hosts';
import { enrichSchedulePage, wakeBackgroundForTalkUrl, whenParsed } from '@/lib/enrich/page/enrich-page';
import { fetchGuidFromExport } from '@/lib/enrich/page/schedule-export';
import { send } from '@/lib/messages';
import { mountBoxView } from '@/components/schedule-box/box-view';

/**
 * Declared for the built-in schedule hosts; the same file is registered at runtime for hosts
 * the user enables (lib/enrich/access/registration.ts) and injected into the tab they enabled it on.
 */
export default defineContentScript({
  matches: REQUIRED_SCHEDULE_MATCHES,
  runAt: SCHEDULE_RUN_AT,
  main() {
    // Runtime registration plus a manual injection can run this file twice in one page: the
    // isolated world's globals are ours alone, so a flag there is a guard the page cannot touch.
    const world = globalThis as { __aftertalkSchedule?: boolean };
    if (world.__aftertalkSchedule) return;
    world.__aftertalkSchedule = true;
    wakeBackgroundForTalkUrl(location.href, send);
    whenParsed(document, () => {
      void enrichSchedulePage({
        doc: document,
        href: location.href,
        send,
        mountBox: mountBoxView,
        guidFromExport: (pageHref, code) => fetchGuidFromExport(pageHref, code),
      });
    });
  },
});
