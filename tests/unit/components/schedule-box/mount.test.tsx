import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { mountScheduleBox } from '@/components/schedule-box/mount';
import { mountBoxView } from '@/components/schedule-box/box-view';
import { PERF_MARKS } from '@/lib/perf-marks';
import { ScheduleBox } from '@/components/schedule-box/ScheduleBox';
import { downloadLabel } from '@/lib/enrich/answer/media-labels';
import { formatFileSize } from '@/lib/format';
import { useLinkedomDocument } from '../../../support/render-dom';
import { pretalxSession, recordingResult } from '../../../support/sample-results';

afterEach(() => vi.unstubAllGlobals());

function page() {
  const doc = useLinkedomDocument();
  doc.body.innerHTML = '<main><div class="talk-content"><section class="abstract">Abstract</section></div></main>';
  return doc;
}

describe('mountScheduleBox', () => {
  it('puts an <aftertalk-box> with an open shadow root, its style and the rendered box at the mount point', () => {
    const doc = page();
    const content = doc.querySelector('.talk-content')!;
    const mounted = mountScheduleBox(content, content.firstChild, (root) =>
      render(<ScheduleBox session={pretalxSession} result={recordingResult} state="ready" />, root),
    );
    expect(content.firstElementChild).toBe(mounted.host);
    expect(mounted.host.localName).toBe('aftertalk-box');
    expect(mounted.host.shadowRoot).toBe(mounted.root);
    expect(mounted.root.querySelector('style')).not.toBeNull();
    expect(mounted.root.querySelector('section[aria-label]')).not.toBeNull();
    // Page CSS cannot reach the box; the page's own markup is untouched.
    expect(doc.querySelector('.talk-content > section.abstract')?.textContent).toBe('Abstract');
  });

  it('marks when the box is shown looking and when it shows the answer (read by the benchmark)', () => {
    const doc = page();
    const content = doc.querySelector('.talk-content')!;
    performance.clearMarks();
    const view = mountBoxView({ parent: content, before: content.firstChild }, pretalxSession);
    view.render('loading', null);
    expect(performance.getEntriesByName(PERF_MARKS.boxShown)).toHaveLength(1);
    expect(performance.getEntriesByName(PERF_MARKS.boxReady)).toHaveLength(0);
    view.render('ready', recordingResult);
    expect(performance.getEntriesByName(PERF_MARKS.boxReady)).toHaveLength(1);
    expect(content.querySelector('aftertalk-box')?.shadowRoot?.querySelector('section')?.textContent).toContain(
      recordingResult.recording!.talk.title,
    );
  });

  it('appends when there is no node to insert before, or that node moved away', () => {
    const doc = page();
    const content = doc.querySelector('.talk-content')!;
    const stray = doc.createElement('p');
    expect(mountScheduleBox(content, stray, () => {}).host).toBe(content.lastElementChild);
  });

  it('keeps keystrokes from reaching page shortcuts, lets clicks through, and removes itself', () => {
    const doc = page();
    const content = doc.querySelector('.talk-content')!;
    const seen: string[] = [];
    for (const type of ['keydown', 'keyup', 'keypress', 'click'])
      doc.body.addEventListener(type, () => seen.push(type));
    const mounted = mountScheduleBox(content, null, () => {});
    for (const type of ['keydown', 'keyup', 'keypress', 'click'])
      mounted.host.dispatchEvent(new Event(type, { bubbles: true }));
    expect(seen).toEqual(['click']);
    mounted.remove();
    expect(doc.querySelector('aftertalk-box')).toBeNull();
  });
});

describe('file labels', () => {
  it('names format and size the way a person reads them', () => {
    expect(formatFileSize(1_234_567_890)).toBe('1.2 GB');
    expect(formatFileSize(356_000_000)).toBe('356 MB');
    expect(formatFileSize(0)).toBe('');
    expect(downloadLabel('video/webm', 'https://cdn.media.ccc.de/a.webm', 81_200_000)).toBe(
      'Download video (WebM, 81 MB)',
    );
    expect(downloadLabel('audio/mpeg', 'https://cdn.media.ccc.de/a.mp3', 52_000_000)).toBe(
      'Download audio (MP3, 52 MB)',
    );
    expect(downloadLabel('', 'https://cdn.media.ccc.de/a.mp4', 0)).toBe('Download video (MP4)');
    expect(downloadLabel('', 'https://cdn.media.ccc.de/a', 0)).toBe('Download recording');
  });
});
