import { h } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PersonalDataSection } from '@/components/PersonalDataSection';
import {
  emptyPersonalState,
  LIST_CAP,
  liveEntries,
  PERSONAL_KINDS,
  type PersonalState,
  type StampedMap,
} from '@/lib/personal/state';
import { loadPersonal, updatePersonal } from '@/lib/personal/store';
import { exportFileName, exportPersonalState, importPersonalState, parseImport } from '@/lib/personal/transfer';
import { renderInto } from '../../support/render-dom';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.unstubAllGlobals());

/** Recent enough that `updatePersonal` keeps the tombstones. */
const T = Date.now() - 3_600_000;
const query = (n: number) => ({
  site: 'pretalx' as const,
  title: `Talk ${n}`,
  speakers: ['Ada'],
  scheduleUrl: `https://example.org/talk/${n}`,
});

function sampleState(): PersonalState {
  const state = emptyPersonalState();
  state.settings = {
    feed: { v: 'hq', t: T },
    languages: { v: ['de', 'en'], t: T + 1 },
    notifyScope: { v: null, t: T + 2 },
  };
  state.conferences = { '39c3': { v: 'follow', t: T }, fosdem: { v: 'mute', t: T + 5 }, gone: { v: null, t: T + 6 } };
  state.watchLater = { a: { v: 1, t: T + 3 }, b: { v: null, t: T + 4 } };
  state.watched = { c: { v: 1, t: T + 7 } };
  state.waiting = { 'https://example.org/talk/1': { v: { query: query(1) }, t: T + 8 } };
  return state;
}

const setLocal = (state: PersonalState) =>
  updatePersonal((draft) => (Object.assign(draft, structuredClone(state)), true));
const live = (state: PersonalState) =>
  Object.fromEntries(PERSONAL_KINDS.map((kind) => [kind, liveEntries(state[kind] as StampedMap<unknown>)]));
const fileOf = (state: unknown, extra: object = {}) =>
  JSON.stringify({ format: 'aftertalk-personal', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', state, ...extra });

describe('export', () => {
  it('writes a versioned, dated JSON document and a dated file name', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    const doc = JSON.parse(exportPersonalState(sampleState(), now));
    expect(doc).toMatchObject({ format: 'aftertalk-personal', version: 1, exportedAt: '2026-11-22T12:00:00.000Z' });
    expect(doc.state).toEqual(sampleState());
    expect(exportFileName(now)).toBe('aftertalk-2026-11-22.json');
  });
});

describe('import', () => {
  it('round-trips every live entry into an empty store and reports what it added', async () => {
    const outcome = await importPersonalState(exportPersonalState(sampleState()));
    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect(outcome.counts).toEqual({
      settings: 2,
      followed: 1,
      muted: 1,
      watchLater: 1,
      watched: 1,
      waiting: 1,
      skipped: 0,
      unknownSettings: 0,
    });
    expect(outcome.message).toBe(
      'Imported 1 Watch later, 1 watched, 1 followed conference, 1 muted conference, 1 waiting recording, and 2 settings; nothing was removed.',
    );
    expect(live(await loadPersonal())).toEqual(live(sampleState()));
    // The same file again changes nothing.
    expect((await importPersonalState(exportPersonalState(sampleState()))).changed).toBe(false);
  });

  it('keeps local entries beside imported ones, and a newer local entry beats an older imported one', async () => {
    const local = emptyPersonalState();
    local.watchLater = { mine: { v: 1, t: T } };
    local.conferences = { fosdem: { v: 'follow', t: T + 100 } };
    local.settings = { feed: { v: 'lq', t: T - 100 } };
    await setLocal(local);

    await importPersonalState(exportPersonalState(sampleState()));
    const after = await loadPersonal();
    expect(Object.keys(after.watchLater).sort()).toEqual(['a', 'mine']);
    expect(after.conferences.fosdem).toEqual({ v: 'follow', t: T + 100 }); // local is newer
    expect(after.settings.feed).toEqual({ v: 'hq', t: T }); // imported is newer
  });

  it('never removes a local entry, whatever tombstone the file carries', async () => {
    const local = emptyPersonalState();
    local.watchLater = { b: { v: 1, t: T } };
    local.conferences = { gone: { v: 'follow', t: T } };
    await setLocal(local);

    const outcome = await importPersonalState(exportPersonalState(sampleState())); // b and gone removed later there
    const after = await loadPersonal();
    expect(after.watchLater.b).toEqual({ v: 1, t: T });
    expect(after.conferences.gone).toEqual({ v: 'follow', t: T });
    expect(outcome.message).toContain('nothing was removed');
  });

  it.each([
    ['not JSON', '{"format": "aftertalk-personal",', /not valid JSON/],
    ['foreign JSON', JSON.stringify({ name: 'my-package', version: 1 }), /not an Aftertalk export/],
    ['no format', JSON.stringify([1, 2, 3]), /not an Aftertalk export/],
    ['a newer version', fileOf(sampleState(), { version: 2 }), /newer version of Aftertalk/],
    ['no state', fileOf('everything'), /no lists or settings/],
    ['6 MB', fileOf(sampleState(), { padding: 'x'.repeat(6 * 1024 * 1024) }), /larger than 5 MB/],
  ])('refuses %s with a clear message and stores nothing', async (_name, text, error) => {
    const parsed = parseImport(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(error);
    const outcome = await importPersonalState(text);
    expect(outcome).toMatchObject({ ok: false, changed: false });
    expect(outcome.message).toMatch(error);
    expect(await loadPersonal()).toEqual(emptyPersonalState());
  });

  it('checks the size before parsing', () => {
    const parse = vi.spyOn(JSON, 'parse');
    expect(parseImport(' '.repeat(5 * 1024 * 1024 + 1)).ok).toBe(false);
    expect(parse).not.toHaveBeenCalled();
  });

  it('skips and counts hostile entries while the good ones land', async () => {
    const long = 'x'.repeat(10_000);
    const text = `{"format":"aftertalk-personal","version":1,"state":{
      "watchLater": {"__proto__": {"v": 1, "t": ${T}}, "good": {"v": 1, "t": ${T}}, "str": {"v": "1", "t": ${T}}, "${long}": {"v": 1, "t": ${T}}},
      "watched": {"neg": {"v": 1, "t": -5}, "nostamp": {"v": 1}, "ok": {"v": 1, "t": ${T}}},
      "conferences": {"39c3": {"v": "follow", "t": ${T}}, "x": {"v": "admin", "t": ${T}}},
      "settings": {"feed": {"v": {"evil": true}, "t": ${T}}, "pollMinutes": {"v": 30, "t": ${T}}},
      "waiting": {
        "https://example.org/talk/1": {"v": ${JSON.stringify({ query: query(1) })}, "t": ${T}},
        "js": {"v": ${JSON.stringify({ query: { ...query(2), scheduleUrl: 'javascript:alert(1)' } })}, "t": ${T}},
        "long": {"v": ${JSON.stringify({ query: { ...query(3), title: long } })}, "t": ${T}}
      }
    }}`;
    const outcome = await importPersonalState(text);
    expect(outcome.counts).toEqual({
      settings: 1,
      followed: 1,
      muted: 0,
      watchLater: 1,
      watched: 1,
      waiting: 1,
      skipped: 9,
      unknownSettings: 0,
    });
    expect(outcome.message).toMatch(/9 damaged entries were skipped/);
    const after = await loadPersonal();
    expect(Object.keys(after.watchLater)).toEqual(['good']);
    expect(Object.getPrototypeOf(after.watchLater)).toBe(Object.prototype);
    expect(Object.keys(after.watched)).toEqual(['ok']);
    expect(Object.keys(after.conferences)).toEqual(['39c3']);
    expect(Object.keys(after.settings)).toEqual(['pollMinutes']);
    expect(Object.keys(after.waiting)).toEqual(['https://example.org/talk/1']);
  });

  it('treats stamps from the future as now, so they cannot outlive every later change', async () => {
    const state = emptyPersonalState();
    state.watchLater = { a: { v: 1, t: 4e15 } };
    const before = Date.now();
    await importPersonalState(fileOf(state));
    const t = (await loadPersonal()).watchLater.a!.t;
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('refuses stamps above 2^52, where a later change could no longer count past them', async () => {
    const state = emptyPersonalState();
    state.watchLater = { huge: { v: 1, t: 2 ** 53 }, fine: { v: 1, t: T } };
    const outcome = await importPersonalState(fileOf(state));
    expect(outcome.counts).toMatchObject({ watchLater: 1, skipped: 1 });
    expect(Object.keys((await loadPersonal()).watchLater)).toEqual(['fine']);
  });

  it('drops a 4 MB junk setting and unknown keys, counts them and says so', async () => {
    const junk = Array.from({ length: 2000 }, () => 'j'.repeat(2000));
    const text = fileOf({
      settings: {
        junk: { v: junk, t: T },
        constructor: { v: 'x', t: T },
        feed: { v: 'constructor', t: T },
        pollMinutes: { v: 60, t: T },
      },
    });
    expect(text.length).toBeGreaterThan(4_000_000);
    const outcome = await importPersonalState(text);
    expect(outcome.counts).toMatchObject({ settings: 1, unknownSettings: 2, skipped: 1 });
    expect(outcome.message).toBe(
      'Imported 1 setting; nothing was removed. 1 damaged entry was skipped. Aftertalk does not know 2 settings in the file; they were left out.',
    );
    const stored = JSON.stringify(await fakeBrowser.storage.local.get(null));
    expect(stored.length).toBeLessThan(1000);
    expect(Object.keys((await loadPersonal()).settings)).toEqual(['pollMinutes']);
  });

  it('leaves out new entries for a full list, says so, and keeps everything it had', async () => {
    const full = emptyPersonalState();
    for (let i = 0; i < LIST_CAP; i++) full.watchLater[`have-${i}`] = { v: 1, t: T };
    await importPersonalState(fileOf(full));
    const more = emptyPersonalState();
    more.watchLater = { 'have-1': { v: 1, t: T + 5 }, extra: { v: 1, t: T } };
    more.watched = { w: { v: 1, t: T } };
    const outcome = await importPersonalState(fileOf(more));
    expect(outcome.counts).toMatchObject({ full: 1, watched: 1 });
    expect(outcome.message).toMatch(/1 entry was left out because its list is full \(5,000 entries\)\.$/);
    const after = await loadPersonal();
    expect(Object.keys(after.watchLater)).toHaveLength(LIST_CAP);
    expect(after.watchLater.extra).toBeUndefined();
    expect(after.watchLater['have-1']).toEqual({ v: 1, t: T + 5 });
    expect(after.watched.w).toEqual({ v: 1, t: T });
  });
});

describe('PersonalDataSection', () => {
  const flush = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

  it('exports the stored state as a downloaded JSON file', async () => {
    await setLocal(sampleState());
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:aftertalk/1'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const container = renderInto(h(PersonalDataSection, null));
    const clicked: { href: string; download: string }[] = [];
    const doc = container.ownerDocument;
    const create = doc.createElement.bind(doc);
    vi.spyOn(doc, 'createElement').mockImplementation((name: string) => {
      const el = create(name) as HTMLAnchorElement;
      if (name === 'a')
        el.click = () => clicked.push({ href: el.getAttribute('href')!, download: el.getAttribute('download')! });
      return el;
    });

    expect(container.querySelector('h2')?.textContent).toBe('Your lists and settings');
    const exportButton = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Export…')!;
    exportButton.click();
    await flush();
    expect(clicked).toEqual([{ href: 'blob:aftertalk/1', download: exportFileName() }]);
    expect(JSON.parse(await blobs[0]!.text()).state).toEqual(sampleState());
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Exported your lists and settings.');
  });

  it('imports the chosen file and shows the outcome', async () => {
    const container = renderInto(h(PersonalDataSection, null));
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('application/json,.json');
    Object.defineProperty(input, 'files', {
      value: [new File([exportPersonalState(sampleState())], 'aftertalk.json')],
    });
    input.dispatchEvent(new Event('change'));
    await flush();
    expect(container.querySelector('[role="status"]')?.textContent).toMatch(
      /^Imported 1 Watch later, .*nothing was removed\.$/,
    );
    expect(live(await loadPersonal())).toEqual(live(sampleState()));
  });
});
