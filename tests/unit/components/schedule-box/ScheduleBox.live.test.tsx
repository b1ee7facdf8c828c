import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduleBox } from '@/components/schedule-box/ScheduleBox';
import type { LivePart, ScheduleLookupResult } from '@/lib/enrich/lookup-types';
import { renderInto } from '../../../support/render-dom';
import { noRecordingResult, pretalxSession, recordingResult } from '../../../support/sample-results';

afterEach(() => vi.unstubAllGlobals());

const LIVE: LivePart = {
  kind: 'live',
  room: 'Saal 1',
  url: 'https://streaming.media.ccc.de/40c3/saal-1',
  end: Date.now() + 3_600_000,
};
const RELIVE: LivePart = {
  kind: 'relive',
  room: 'Saal 1',
  url: 'https://streaming.media.ccc.de/40c3/relive/ab-12',
  status: 'recorded',
};

function box(result: ScheduleLookupResult) {
  const container = renderInto(
    <ScheduleBox session={pretalxSession} result={result} state="ready" onAction={() => undefined} />,
  );
  return container.querySelector('section')!;
}

describe('the box’s live line', () => {
  it('says "Live now in <room>" with the room’s stream, in place of "No recording published yet"', () => {
    const section = box({ ...noRecordingResult, live: LIVE });
    const line = section.querySelector('.live-line')!;
    expect(line.textContent).toContain('Live now in Saal 1');
    expect(line.querySelector('a')!.getAttribute('href')).toBe(LIVE.url);
    expect(section.textContent).not.toContain('No recording published yet');
    // "Notify me" is still offered.
    expect(section.textContent).toContain('Notify me when the recording is published');
  });

  it('says "ReLive: unprocessed recording" with its page after the talk', () => {
    const line = box({ ...noRecordingResult, live: RELIVE }).querySelector('.live-line')!;
    expect(line.textContent).toContain('ReLive: unprocessed recording');
    expect(line.querySelector('a')!.getAttribute('href')).toBe(RELIVE.url);
  });

  it('is one line either way, and absent without a live part', () => {
    expect(box(noRecordingResult).querySelector('.live-line')).toBeNull();
    expect(box({ ...noRecordingResult, live: null }).textContent).toContain('No recording published yet');
    for (const live of [LIVE, RELIVE])
      expect(box({ ...noRecordingResult, live }).querySelectorAll('.live-line')).toHaveLength(1);
  });

  it('shows no line for a link that is not http(s), and keeps a hostile room name as text', () => {
    const bad = { ...LIVE, url: 'javascript:alert(1)' } as LivePart;
    expect(box({ ...noRecordingResult, live: bad }).querySelector('.live-line')).toBeNull();
    const line = box({ ...noRecordingResult, live: { ...LIVE, room: '<img src=x onerror=alert(1)>' } }).querySelector(
      '.live-line',
    )!;
    expect(line.querySelector('img')).toBeNull();
    expect(line.textContent).toContain('Live now in <img src=x onerror=alert(1)>');
  });

  it('goes when the talk ends, back to the line the box shows without it', async () => {
    vi.useFakeTimers();
    try {
      let section!: HTMLElement;
      // Under act, the box's effects (the timer for the talk's end) run at once.
      act(() => void (section = box({ ...noRecordingResult, live: { ...LIVE, end: Date.now() + 1000 } })));
      expect(section.querySelector('.live-line')).not.toBeNull();
      await act(async () => void vi.advanceTimersByTime(1500));
      expect(section.querySelector('.live-line')).toBeNull();
      expect(section.textContent).toContain('No recording published yet');
      expect(
        box({ ...noRecordingResult, live: { ...LIVE, end: Date.now() - 1 } }).querySelector('.live-line'),
      ).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stands above the recording when both come (the worker adds no ReLive beside a sure one)', () => {
    const section = box({ ...recordingResult, live: LIVE });
    expect(section.querySelector('.live-line')).not.toBeNull();
    expect(section.querySelector('.recording')).not.toBeNull();
  });
});
