import { describe, expect, it, vi } from 'vitest';
import { type BoxView, enrichSchedulePage, wakeBackgroundForTalkUrl, whenParsed } from '@/lib/enrich/page/enrich-page';
import type { BoxActionHandler, BoxPlayer, ScheduleLookupResult } from '@/lib/enrich/lookup-types';
import type { ScheduleLookupRequest, Send } from '@/lib/messages';
import type { MountPoint, ScheduleSession } from '@/lib/enrich/page/sites/types';
import { loadFixture } from '../../../support/load-site-fixture';

const MINE = { watchLater: [], watched: [], waiting: false };
const RESULT: ScheduleLookupResult = {
  recording: null,
  related: [],
  exportMayHelp: false,
  mine: MINE,
  missing: 'not-yet',
};

function harness(answer: (request: ScheduleLookupRequest) => Promise<unknown>) {
  const renders: {
    state: string;
    result: ScheduleLookupResult | null;
    onAction?: BoxActionHandler;
    notice?: string;
    player?: BoxPlayer | null;
  }[] = [];
  const mounts: { mount: MountPoint; session: ScheduleSession }[] = [];
  // The background's typed answer is what the page must not trust: the fake answers anything.
  const send = vi.fn(answer) as typeof answer & Send & ReturnType<typeof vi.fn>;
  const mountBox = (mount: MountPoint, session: ScheduleSession): BoxView => {
    mounts.push({ mount, session });
    return {
      render: (state, result, onAction, notice, player) =>
        void renders.push({ state, result, onAction, ...(notice ? { notice } : {}), ...(player ? { player } : {}) }),
      remove: () => undefined,
    };
  };
  return { send, mountBox, renders, mounts };
}

describe('enrichSchedulePage', () => {
  it('puts a loading box on a pretalx talk page, then the answer', async () => {
    const h = harness(async () => RESULT);
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    const outcome = await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(outcome).toBe('enriched');
    expect(h.send).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'schedule-lookup',
        onlyIfKnownUrl: false,
        session: expect.objectContaining({ code: 'QK3PXA' }),
      }),
    );
    expect(h.mounts[0]?.mount.parent.className).toBe('talk-content');
    expect(h.renders.map((r) => r.state)).toEqual(['loading', 'ready']);
    expect(h.renders[1]?.result).toEqual(RESULT);
  });

  it('asks the background before placing the box and drawing it loading', async () => {
    const events: string[] = [];
    const h = harness(async () => {
      events.push('asked');
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('answered');
      return RESULT;
    });
    const mountBox = (mount: MountPoint, session: ScheduleSession): BoxView => {
      events.push('placed');
      const view = h.mountBox(mount, session);
      return {
        ...view,
        render: (state, result, onAction) => (events.push(state), view.render(state, result, onAction)),
      };
    };
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({ doc, href: 'https://pretalx.com/democon-2026/talk/QK3PXA/', send: h.send, mountBox });
    expect(events).toEqual(['asked', 'placed', 'loading', 'answered', 'ready']);
  });

  it("shows a woken worker's recording at once with the related list's place kept, then the related talks", async () => {
    const card = (id: string) => ({
      id,
      title: id,
      conference: 'asg2025',
      speakers: [],
      url: `https://media.ccc.de/v/${id}`,
      thumbnail: '',
      durationSeconds: 0,
      date: 0,
      firstSeenAt: 0,
      durationText: '',
      releasedText: '',
    });
    const recording = {
      talk: card('uki'),
      fileUrl: '',
      fileType: '',
      fileBytes: 0,
      downloadText: '',
      by: 'code' as const,
      confidence: 'sure' as const,
    };
    const early: ScheduleLookupResult = { ...RESULT, missing: null, recording, relatedPending: true };
    const whole: ScheduleLookupResult = { ...RESULT, missing: null, recording, related: [card('tpm'), card('boot')] };
    const h = harness(async (request) => (request.relatedLater ? early : whole));
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    // The first ask may be answered without related talks; the second asks for the whole answer.
    expect(h.send.mock.calls.map(([request]) => request.relatedLater)).toEqual([true, undefined]);
    expect(h.renders.map((r) => r.state)).toEqual(['loading', 'ready', 'ready']);
    expect(h.renders[1]?.result).toEqual(early);
    expect(h.renders[2]?.result).toEqual(whole);
  });

  it('drops the kept place of the related list when the second ask fails', async () => {
    const early: ScheduleLookupResult = { ...RESULT, relatedPending: true };
    const h = harness(async (request) => {
      if (request.relatedLater) return early;
      throw new Error('the worker went away');
    });
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(h.renders.map((r) => r.state)).toEqual(['loading', 'ready', 'ready']);
    expect(h.renders[2]?.result).toEqual({ ...early, relatedPending: false });
  });

  it('asks nothing and mounts nothing on a schedule overview or a track page', async () => {
    for (const [file, href] of [
      ['pretalx/schedule-overview.html', 'https://pretalx.com/democon-2026/schedule/'],
      ['fosdem/2026-track-page.html', 'https://fosdem.org/2026/schedule/track/kernel/'],
    ] as const) {
      const h = harness(async () => RESULT);
      expect(await enrichSchedulePage({ doc: loadFixture(file), href, send: h.send, mountBox: h.mountBox })).toBe(
        'not-a-talk-page',
      );
      expect(h.send).not.toHaveBeenCalled();
      expect(h.mounts).toHaveLength(0);
    }
  });

  it('shows a box on a linked page only after the background knows its URL', async () => {
    const href = 'https://2025.stateofthemap.org/sessions/8KKLCS/';
    const unknown = harness(async () => null);
    expect(
      await enrichSchedulePage({
        doc: loadFixture('linked-page/sotm-2025-session.html'),
        href,
        send: unknown.send,
        mountBox: unknown.mountBox,
      }),
    ).toBe('unknown-page');
    expect(unknown.send).toHaveBeenCalledWith(expect.objectContaining({ onlyIfKnownUrl: true }));
    expect(unknown.mounts).toHaveLength(0);

    const known = harness(async () => RESULT);
    expect(
      await enrichSchedulePage({
        doc: loadFixture('linked-page/sotm-2025-session.html'),
        href,
        send: known.send,
        mountBox: known.mountBox,
      }),
    ).toBe('enriched');
    expect(known.renders.map((r) => r.state)).toEqual(['ready']);
  });

  it('says so in the box when the background fails or answers nonsense', async () => {
    const doc = () => loadFixture('pretalx/released-2026-pretalx-com.html');
    const href = 'https://pretalx.com/democon-2026/talk/QK3PXA/';
    const failing = harness(async () => {
      throw new Error('Could not establish connection');
    });
    expect(await enrichSchedulePage({ doc: doc(), href, send: failing.send, mountBox: failing.mountBox })).toBe(
      'failed',
    );
    expect(failing.renders.at(-1)?.state).toBe('error');

    const nonsense = harness(async () => ({ related: 'lots' }));
    await enrichSchedulePage({ doc: doc(), href, send: nonsense.send, mountBox: nonsense.mountBox });
    expect(nonsense.renders.at(-1)).toEqual({ state: 'error', result: null });
  });

  it('leaves pages of pretalx instances alone unless they are talk pages', async () => {
    const h = harness(async () => RESULT);
    const outcome = await enrichSchedulePage({
      doc: loadFixture('pretalx/schedule-overview.html'),
      href: 'https://cfp.example.org/democon-2026/schedule/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(outcome).toBe('not-a-talk-page');
    expect(h.send).not.toHaveBeenCalled();
  });

  it('asks again with the GUID from the schedule export when the background says it may help', async () => {
    const recording = {
      talk: { id: 'g' },
      by: 'guid',
      confidence: 'sure',
    } as unknown as ScheduleLookupResult['recording'];
    const h = harness(async (request) =>
      request.session.guid
        ? { recording, related: [], exportMayHelp: false, mine: MINE, missing: null }
        : { ...RESULT, exportMayHelp: true },
    );
    const guidFromExport = vi.fn(async () => 'guid-from-export');
    const doc = loadFixture('pretalx/static-export-38c3.html');
    const href = 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html';
    await enrichSchedulePage({ doc, href, send: h.send, mountBox: h.mountBox, guidFromExport });
    expect(guidFromExport).toHaveBeenCalledWith(href, 'HQCCYH');
    expect(h.send).toHaveBeenLastCalledWith(
      expect.objectContaining({ session: expect.objectContaining({ guid: 'guid-from-export' }) }),
    );
    expect(h.renders.map((r) => r.state)).toEqual(['loading', 'ready', 'ready']);
    expect(h.renders.at(-1)?.result?.recording).toBe(recording);
  });

  it('asks media.ccc.de’s archive when the talk is not in the archive, and shows what it found', async () => {
    const found = { ...RESULT, recording: { talk: { id: 'old' } } as never, missing: null };
    const h = harness(async (request) =>
      (request as { type: string }).type === 'schedule-history' ? found : { ...RESULT, missing: 'checking' },
    );
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(h.send).toHaveBeenLastCalledWith({
      type: 'schedule-history',
      session: expect.objectContaining({ code: 'QK3PXA' }),
    });
    expect(h.renders.map((r) => [r.state, r.result?.missing])).toEqual([
      ['loading', undefined],
      ['ready', 'checking'],
      ['ready', null],
    ]);
    expect(h.renders.at(-1)?.result).toEqual(found);
  });

  it('says the archive could not be asked when the background fails to answer, and promises nothing', async () => {
    const h = harness(async (request) => {
      if ((request as { type: string }).type === 'schedule-history') throw new Error('worker gone');
      return { ...RESULT, missing: 'checking' };
    });
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(h.renders.at(-1)?.result?.missing).toBe('unknown');
  });

  it('asks media.ccc.de’s archive nothing when the lookup did not say it should', async () => {
    const h = harness(async () => RESULT);
    const doc = loadFixture('pretalx/released-2026-pretalx-com.html');
    await enrichSchedulePage({
      doc,
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    expect(h.send).toHaveBeenCalledTimes(1);
  });

  it('sends a box action about the page it read, then shows the answer; a refusal changes nothing and says so', async () => {
    const waiting = { ...RESULT, mine: { ...MINE, waiting: true } };
    const h = harness(async (request) =>
      (request as { type: string }).type === 'schedule-action'
        ? (request as unknown as { on: boolean }).on
          ? waiting
          : null
        : RESULT,
    );
    await enrichSchedulePage({
      doc: loadFixture('pretalx/released-2026-pretalx-com.html'),
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    h.renders.at(-1)!.onAction!('notify-me', true);
    await vi.waitFor(() => expect(h.renders).toHaveLength(3));
    expect(h.send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        type: 'schedule-action',
        action: 'notify-me',
        on: true,
        onlyIfKnownUrl: false,
        session: expect.objectContaining({ code: 'QK3PXA' }),
      }),
    );
    expect(h.renders.at(-1)?.result?.mine.waiting).toBe(true);
    h.renders.at(-1)!.onAction!('notify-me', false);
    await vi.waitFor(() => expect(h.renders).toHaveLength(4));
    // Refused (a full list, say): the box keeps what it showed, with a notice that nothing changed.
    expect(h.renders.at(-1)).toMatchObject({ state: 'ready', notice: 'action-failed' });
    expect(h.renders.at(-1)?.result?.mine.waiting).toBe(true);
  });

  it('opens the player for the box’s own recording without asking anything, keeps it through other actions, and closes it', async () => {
    const recording = {
      talk: { id: 'uki', title: 'UKIs' },
      fileUrl: '',
      fileType: '',
      fileBytes: 0,
      downloadText: '',
      by: 'code',
      confidence: 'sure',
    } as unknown as NonNullable<ScheduleLookupResult['recording']>;
    const withRecording = { ...RESULT, recording, missing: null };
    const h = harness(async (request) =>
      (request as { type: string }).type === 'schedule-action'
        ? { ...withRecording, mine: { ...MINE, watched: ['uki'] } }
        : withRecording,
    );
    await enrichSchedulePage({
      doc: loadFixture('pretalx/released-2026-pretalx-com.html'),
      href: 'https://pretalx.com/democon-2026/talk/QK3PXA/',
      send: h.send,
      mountBox: h.mountBox,
    });
    const sent = h.send.mock.calls.length;
    // Only the box's recording plays; another talk id opens nothing.
    h.renders.at(-1)!.onAction!('play', true, 'other');
    expect(h.renders.at(-1)?.player).toBeUndefined();
    h.renders.at(-1)!.onAction!('play', true, 'uki');
    expect(h.renders.at(-1)?.player).toEqual({ talkId: 'uki' });
    expect(h.send.mock.calls.length).toBe(sent);
    // The player's "seen" report goes to the background; the player stays open.
    h.renders.at(-1)!.onAction!('played', true, 'uki');
    await vi.waitFor(() => expect(h.renders.at(-1)?.result?.mine.watched).toEqual(['uki']));
    expect(h.send).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'schedule-action', action: 'played' }));
    expect(h.renders.at(-1)?.player).toEqual({ talkId: 'uki' });
    h.renders.at(-1)!.onAction!('play', false, 'uki');
    expect(h.renders.at(-1)?.player).toBeUndefined();
  });

  it('never downloads the export unless the background asked for it', async () => {
    const h = harness(async () => RESULT);
    const guidFromExport = vi.fn(async () => 'x');
    await enrichSchedulePage({
      doc: loadFixture('pretalx/static-export-38c3.html'),
      href: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
      send: h.send,
      mountBox: h.mountBox,
      guidFromExport,
    });
    expect(guidFromExport).not.toHaveBeenCalled();
  });
});

describe('before the page is parsed', () => {
  it('wakes the background for URLs an adapter may find a talk on', async () => {
    for (const href of [
      'https://pretalx.com/democon-2026/talk/QK3PXA/',
      'https://fosdem.org/2026/schedule/event/QK3PXA-rust/',
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/',
    ]) {
      const ask = vi.fn(async () => true);
      expect(wakeBackgroundForTalkUrl(href, ask as never)).toBe(true);
      expect(ask).toHaveBeenCalledWith({ type: 'schedule-warm' });
    }
  });

  it('leaves it asleep on other pages of the same hosts, and on nonsense', () => {
    for (const href of [
      'https://pretalx.com/democon-2026/schedule/',
      'https://fosdem.org/2026/schedule/track/kernel/',
      'https://events.ccc.de/',
      'not a url',
    ]) {
      const ask = vi.fn(async () => true);
      expect(wakeBackgroundForTalkUrl(href, ask as never)).toBe(false);
      expect(ask).not.toHaveBeenCalled();
    }
  });

  it('shrugs off a background that cannot answer (the lookup reports trouble)', async () => {
    const ask = vi.fn(() => Promise.reject(new Error('Could not establish connection')));
    expect(wakeBackgroundForTalkUrl('https://pretalx.com/democon-2026/talk/QK3PXA/', ask as never)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('reads the page once its HTML is parsed, or at once when it already is', () => {
    const listeners: (() => void)[] = [];
    const doc = {
      readyState: 'loading' as DocumentReadyState,
      addEventListener: (type: string, listener: () => void, options: { once?: boolean }) => {
        expect([type, options.once]).toEqual(['DOMContentLoaded', true]);
        listeners.push(listener);
      },
    };
    const work = vi.fn();
    whenParsed(doc as unknown as Document, work);
    expect(work).not.toHaveBeenCalled();
    doc.readyState = 'interactive';
    listeners.forEach((listener) => listener());
    expect(work).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    whenParsed(doc as unknown as Document, late);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
