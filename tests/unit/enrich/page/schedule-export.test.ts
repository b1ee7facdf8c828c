import { describe, expect, it, vi } from 'vitest';
import {
  fetchGuidFromExport,
  readTextCapped,
  guidForCode,
  MAX_EXPORT_BYTES,
  scheduleExportUrl,
} from '@/lib/enrich/page/schedule-export';

const GUID = '3c5a0d3e-8f6b-5e9a-b0c1-2d3e4f5a6b7c';
/** The frab JSON shape pretalx exports (schedule.conference.days[].rooms{room: events[]}). */
const exported = (events: object[]) => ({
  schedule: {
    version: '1',
    conference: { acronym: '38c3', days: [{ index: 1, rooms: { 'Saal 1': [], 'Saal GLITCH': events } }] },
  },
});

describe('scheduleExportUrl', () => {
  it.each([
    ['https://pretalx.com/democon-2026/talk/QK3PXA/', 'https://pretalx.com/democon-2026/schedule/export/schedule.json'],
    [
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/index.html',
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/schedule/export/schedule.json',
    ],
    ['https://cfp.example.org/e/talk/ABCDEF', 'https://cfp.example.org/e/schedule/export/schedule.json'],
  ])('%s → %s', (page, expected) => expect(scheduleExportUrl(page)).toBe(expected));

  it('gives null for pages that are not talk pages', () => {
    expect(scheduleExportUrl('https://pretalx.com/democon-2026/schedule/')).toBeNull();
    expect(scheduleExportUrl('not a url')).toBeNull();
  });
});

describe('guidForCode', () => {
  it('finds the event by code or by its URL, case-insensitively', () => {
    expect(guidForCode(exported([{ code: 'hqccyh', guid: GUID.toUpperCase() }]), 'HQCCYH')).toBe(GUID);
    expect(guidForCode(exported([{ url: 'https://cfp.cccv.de/38c3/talk/HQCCYH/', guid: GUID }]), 'HQCCYH')).toBe(GUID);
  });

  it('ignores other codes, malformed GUIDs and odd shapes', () => {
    expect(guidForCode(exported([{ code: 'OTHER1', guid: GUID }]), 'HQCCYH')).toBeNull();
    expect(guidForCode(exported([{ code: 'HQCCYH', guid: '<script>' }]), 'HQCCYH')).toBeNull();
    for (const odd of [
      null,
      'x',
      {},
      { schedule: { conference: { days: 'no' } } },
      { schedule: { conference: { days: [{ rooms: { a: 'b' } }, null] } } },
    ]) {
      expect(guidForCode(odd, 'HQCCYH')).toBeNull();
    }
  });
});

describe('fetchGuidFromExport', () => {
  const page = 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/talk/HQCCYH/';
  it('reads the GUID from the same-origin export', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(exported([{ code: 'HQCCYH', guid: GUID }]))));
    expect(await fetchGuidFromExport(page, 'HQCCYH', fetchImpl)).toBe(GUID);
    expect(fetchImpl).toHaveBeenCalledWith(
      'https://fahrplan.events.ccc.de/congress/2024/fahrplan/schedule/export/schedule.json',
      expect.objectContaining({ credentials: 'omit' }),
    );
  });

  it('gives null for errors, non-JSON and oversized exports without reading them', async () => {
    expect(await fetchGuidFromExport(page, 'HQCCYH', async () => new Response('nope', { status: 404 }))).toBeNull();
    expect(await fetchGuidFromExport(page, 'HQCCYH', async () => new Response('<html>'))).toBeNull();
    const huge = new Response('{}', { headers: { 'content-length': String(MAX_EXPORT_BYTES + 1) } });
    const text = vi.spyOn(huge, 'text');
    expect(await fetchGuidFromExport(page, 'HQCCYH', async () => huge)).toBeNull();
    expect(text).not.toHaveBeenCalled();
    expect(
      await fetchGuidFromExport(page, 'HQCCYH', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBeNull();
  });

  it('stops reading a body without Content-Length once it passes the cap', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await fetchGuidFromExport(page, 'HQCCYH', async () => new Response(body))).toBeNull();
    expect(cancelled).toBe(true);
    // 20 MB and one chunk more, give or take the stream's own read-ahead: never the endless rest.
    expect(pulled).toBeLessThan(MAX_EXPORT_BYTES / chunk.byteLength + 4);
  });

  it('reads a streamed export below the cap, multi-byte characters split across chunks included', async () => {
    const json = new TextEncoder().encode(
      JSON.stringify(exported([{ code: 'HQCCYH', guid: GUID, title: 'Ümlaut – talk' } as never])),
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < json.length; i += 7) controller.enqueue(json.slice(i, i + 7));
        controller.close();
      },
    });
    expect(await readTextCapped(new Response(body), MAX_EXPORT_BYTES)).toBe(new TextDecoder().decode(json));
    expect(await fetchGuidFromExport(page, 'HQCCYH', async () => new Response(json))).toBe(GUID);
  });
});

describe('guidForCode over a big export', () => {
  it('builds its URL pattern once, not once per event', () => {
    const events = Array.from({ length: 500 }, (_, i) => ({
      code: `C${String(i).padStart(5, '0')}`,
      url: `/x/talk/${i}/`,
    }));
    const Real = RegExp;
    let made = 0;
    globalThis.RegExp = new Proxy(Real, {
      construct: (target, args: [string, string]) => (made++, new target(...args)),
    });
    try {
      expect(guidForCode(exported([...events, { code: 'HQCCYH', guid: GUID }]), 'HQCCYH')).toBe(GUID);
    } finally {
      globalThis.RegExp = Real;
    }
    expect(made).toBeLessThanOrEqual(1);
  });
});
