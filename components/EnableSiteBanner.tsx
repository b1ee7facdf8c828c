import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/archive/db';
import { archiveHasScheduleHost } from '@/lib/enrich/access/feed-hosts';
import { originPatternFor } from '@/lib/enrich/access/hosts';
import { enableScheduleHosts, injectIntoTab } from '@/lib/enrich/access/registration';
import { offerableHostOfTabUrl, type SiteOffer, shouldOfferSite } from '@/lib/enrich/access/site-offer';
import './enable-site-banner.css';
import { t } from '@/lib/i18n';

interface TabOffer extends SiteOffer {
  tabId: number;
}

/** The page's `<meta name="generator">`, '' when absent or when the page cannot be scripted (chrome://, the web store…). */
async function probeGenerator(tabId: number): Promise<string> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: () => document.querySelector('meta[name="generator"]')?.getAttribute('content') ?? '',
    });
    return typeof result?.result === 'string' ? result.result : '';
  } catch {
    return '';
  }
}

/**
 * Decides whether to offer the active tab's site, cheapest signal first: the URL, then whether
 * the host is covered, then the archive, and only then a script run in the tab. With `activeTab`
 * the tab's URL and scripting are available because the user opened the popup.
 */
export async function detectSiteOffer(): Promise<TabOffer | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url;
  const tabId = tab?.id;
  const host = offerableHostOfTabUrl(url);
  if (tabId === undefined || !host) return null;
  const isCovered = await browser.permissions.contains({ origins: [originPatternFor(host)] }).catch(() => false);
  if (isCovered) return null;
  const withTab = (offer: SiteOffer | null) => (offer ? { ...offer, tabId } : null);
  const byPath = shouldOfferSite({ url, isCovered, archiveHosts: [] });
  if (byPath) return withTab(byPath);
  const inArchive = await archiveHasScheduleHost(getDb(), host).catch(() => false);
  if (inArchive) return withTab(shouldOfferSite({ url, isCovered, archiveHosts: [host] }));
  return withTab(shouldOfferSite({ url, isCovered, archiveHosts: [], generator: await probeGenerator(tabId) }));
}

type State = 'offer' | 'working' | 'enabled' | 'enabled-reload' | 'declined';

/** Popup banner: "This looks like a schedule page on <host>" with a one-click opt-in. Renders nothing otherwise. */
export function EnableSiteBanner() {
  const [offer, setOffer] = useState<TabOffer | null>(null);
  const [state, setState] = useState<State>('offer');

  useEffect(() => {
    let active = true;
    detectSiteOffer()
      .then((found) => active && setOffer(found))
      .catch((error: unknown) => console.warn('Aftertalk: could not inspect the active tab', error));
    return () => {
      active = false;
    };
  }, []);

  if (!offer) return null;
  const { host, tabId } = offer;

  /** Not async on purpose: the permission request must be the first thing the click does. */
  function enable() {
    const request = enableScheduleHosts([host]);
    setState('working');
    void request.then(async (granted) => {
      if (!granted) {
        setState('declined');
        return;
      }
      try {
        await injectIntoTab(tabId);
        setState('enabled');
      } catch (error) {
        console.warn('Aftertalk: could not run on the page', error);
        setState('enabled-reload');
      }
    });
  }

  return (
    <div
      class={`site-banner${state === 'declined' ? ' site-banner--error' : ''}`}
      role="region"
      aria-label={t('banner_label')}
      data-testid="enable-site-banner"
    >
      {state === 'offer' || state === 'working' ? (
        <>
          <span class="site-banner__text">
            {t('banner_offer_before')}
            <strong>{host}</strong>
            {t('banner_offer_after')}
          </span>
          <button type="button" class="button" onClick={enable} disabled={state === 'working'}>
            {t('banner_enable', host)}
          </button>
        </>
      ) : (
        <span class="site-banner__text" role="status">
          {state === 'enabled'
            ? t('banner_enabled', host)
            : state === 'enabled-reload'
              ? t('banner_enabled_reload', host)
              : t('banner_declined', host)}
        </span>
      )}
    </div>
  );
}
