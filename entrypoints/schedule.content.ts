import { REQUIRED_SCHEDULE_MATCHES, SCHEDULE_RUN_AT } from '@/lib/enrich/access/hosts';
import { fetchGuidFromExport } from '@/lib/enrich/page/schedule-export';
import { startSchedulePage } from '@/lib/enrich/page/start';
import { send } from '@/lib/messages';

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
    void startSchedulePage({
      doc: document,
      // Read now, at document_start, before any page script could rewrite it with
      // history.replaceState: the box only ever asks about the page the browser loaded.
      href: location.href,
      send,
      frame: {
        frameUrl: browser.runtime.getURL('/box.html'),
        // Chrome serves the per-session address from the extension's own origin.
        frameOrigin: new URL(browser.runtime.getURL('/')).origin,
      },
      guidFromExport: (pageHref, code) => fetchGuidFromExport(pageHref, code),
    });
  },
});
