/**
 * The first-run page, opened once on install: what Aftertalk does, what it reads and why, and
 * the first import's progress, so nobody wonders what the new icon is doing.
 */
import { useMemo } from 'preact/hooks';
import { describeSyncStatus } from '@/lib/popup/status-text';
import { REQUIRED_SCHEDULE_HOSTS } from '@/lib/schedule/hosts';
import { useSyncStatus } from '@/lib/use-sync-status';
import { StatusBar } from './StatusBar';

export function Welcome() {
  const { status, progress, loaded } = useSyncStatus();
  const line = useMemo(() => describeSyncStatus(status, progress), [status, progress]);
  return (
    <main class="welcome">
      <h1>
        <img src="/icon/128.png" alt="" width={40} height={40} />
        Welcome to Aftertalk
      </h1>
      <p class="lead">New recordings of conference talks from media.ccc.de, in your toolbar and on the schedule pages you read.</p>
      {loaded && <StatusBar line={line} />}

      <h2>What it does</h2>
      <ul>
        <li>It checks the media.ccc.de feed every 30 minutes and keeps every talk in an archive on this computer, searchable and available offline, also after talks leave the feed.</li>
        <li>The badge counts new talks; the first import counts none, so you start at zero. You may get one notification per check, never one per talk.</li>
        <li>On pretalx, FOSDEM and CCC schedule pages it shows the talk’s recording and related recorded talks, and offers to tell you when a recording is published.</li>
        <li>Follow or mute conferences, choose languages, keep a Watch later list. Your lists follow you to your other browsers through the browser’s own sync.</li>
      </ul>

      <h2>What it accesses, and why</h2>
      <table class="access">
        <tbody>
          <tr>
            <th scope="row">media.ccc.de</th>
            <td>To read the feed of recordings. Nothing is sent there but the request for the feed.</td>
          </tr>
          <tr>
            <th scope="row">Schedule sites</th>
            <td>
              To add the box to talk pages of {REQUIRED_SCHEDULE_HOSTS.join(', ')}. Other schedule sites only when you enable them, one site at a time. It reads the talk’s title, speakers,
              abstract and address from the page, nothing else.
            </td>
          </tr>
          <tr>
            <th scope="row">Storage</th>
            <td>The archive stays in this browser. Your settings and lists are also kept in the browser’s sync storage.</td>
          </tr>
          <tr>
            <th scope="row">Notifications</th>
            <td>For new talks (at most one per check; you can turn them off or pause them) and for recordings you asked about.</td>
          </tr>
        </tbody>
      </table>
      <p>Aftertalk has no server and no analytics: it collects nothing about you.</p>

      <h2>Next</h2>
      <p>Pin Aftertalk to the toolbar (the puzzle-piece menu) so the badge is in sight.</p>
      <div class="next">
        <a class="button" href="/options.html">
          Open the settings
        </a>
        <a class="button button--quiet" href="https://media.ccc.de/" target="_blank" rel="noopener noreferrer">
          Browse media.ccc.de
        </a>
      </div>
    </main>
  );
}
