import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ifTrusted,
  ScheduleBox,
  type ScheduleBoxProps,
  scheduleBoxHasContent,
} from '@/components/schedule-box/ScheduleBox';
import { formatDate } from '@/lib/format';
import type { BoxMarks } from '@/lib/enrich/lookup-types';
import { renderInto } from '../../../support/render-dom';
import {
  embeddedSession,
  emptyResult,
  fosdemSession,
  fosdemSessionNoVideo,
  fullResult,
  noRecordingResult,
  possibleResult,
  pretalxSession,
  recordingResult,
  relatedTalks,
  sureRecording,
  talkCard,
} from '../../../support/sample-results';

afterEach(() => vi.unstubAllGlobals());

function box(props: Partial<ScheduleBoxProps> = {}) {
  const container = renderInto(
    <ScheduleBox session={pretalxSession} result={recordingResult} state="ready" {...props} />,
  );
  const section = container.querySelector('section');
  if (!section) throw new Error('no section rendered');
  return section;
}

const links = (root: Element, selector = 'a') => [...root.querySelectorAll(selector)] as HTMLAnchorElement[];
/** What a reader sees: the text without the invisible look of each mark (OneOf keeps it for its size). */
const text = (root: Element | null | undefined) => {
  if (!root) return '';
  const copy = root.cloneNode(true) as Element;
  copy.querySelectorAll('.one-of__hidden').forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
};

describe('schedule box: recording', () => {
  it('links the recording on media.ccc.de in a new tab without referrer, with title, facts and the file', () => {
    const section = box();
    expect(section.getAttribute('aria-label')).toBe('Aftertalk: recording and related talks');
    expect(section.getAttribute('aria-busy')).toBe('false');
    const recording = section.querySelector('.recording');
    const watch = links(recording!).find((a) => text(a) === 'Watch on media.ccc.de');
    expect(watch?.getAttribute('href')).toBe(sureRecording.talk.url);
    expect(watch?.getAttribute('target')).toBe('_blank');
    expect(watch?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(recording)).toContain('Fuzzing the Bluetooth stack of your car');
    expect(text(recording?.querySelector('.recording__speakers'))).toBe('Jana Richter, Tobias Klein');
    expect(text(recording)).toContain('39c3');
    expect(text(recording)).toContain('42 min');
    expect(text(recording)).toContain(`Recording released ${formatDate(sureRecording.talk.firstSeenAt)}`);
    const download = links(recording!).find((a) => text(a).startsWith('Download'));
    expect(text(download)).toBe('Download video (MP4, 1.2 GB)');
    expect(download?.getAttribute('href')).toBe(sureRecording.fileUrl);
    expect(text(recording)).not.toContain('Possible match');
  });

  it('shows the thumbnail lazily, without referrer, and drops it when it fails to load', async () => {
    const recording = box().querySelector('.recording')!;
    const img = recording.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(sureRecording.talk.thumbnail);
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    await act(() => {
      img.dispatchEvent(new Event('error'));
    });
    expect(recording.querySelector('img')).toBeNull();
    expect(text(recording)).toContain('Watch on media.ccc.de');
  });

  it('says a title-only match is only possible', () => {
    expect(text(box({ result: possibleResult }).querySelector('.recording'))).toContain(
      'Possible match: same title, please check',
    );
  });

  it('shows no second recording when the page already embeds the media.ccc.de player, only related talks', () => {
    const section = box({ session: embeddedSession, result: fullResult });
    expect(section.querySelector('.recording')).toBeNull();
    expect(text(section)).not.toContain('Watch on media.ccc.de');
    expect(text(section)).not.toContain('No recording published yet');
    expect(section.querySelectorAll('.related li')).toHaveLength(5);
  });

  it('prints the download text the background made, and a plain label when it sent none', () => {
    const mine = { watchLater: [], watched: [], waiting: false };
    const audio = {
      ...sureRecording,
      fileUrl: 'https://cdn.media.ccc.de/x/talk.opus',
      fileType: 'audio/opus',
      fileBytes: 0,
      downloadText: 'Download audio (Opus)',
    };
    expect(
      links(
        box({ result: { recording: audio, related: [], exportMayHelp: false, mine, missing: null } }),
        '.download',
      ).map(text),
    ).toEqual(['Download audio (Opus)']);
    expect(
      links(
        box({
          result: { recording: { ...audio, downloadText: '' }, related: [], exportMayHelp: false, mine, missing: null },
        }),
        '.download',
      ).map(text),
    ).toEqual(['Download recording']);
  });

  it('says "No recording published yet" when nothing is published anywhere', () => {
    const section = box({ result: emptyResult });
    expect(text(section)).toContain('No recording published yet');
    expect(section.querySelector('.recording')).toBeNull();
    expect(section.querySelector('.related')).toBeNull();
    expect(text(box({ session: fosdemSessionNoVideo, result: noRecordingResult }))).toContain(
      'No recording published yet',
    );
  });

  it('promises a recording only for a recent talk, and says so while it looks in media.ccc.de’s archive', () => {
    const said = (missing: 'checking' | 'not-yet' | 'none' | 'unknown') => {
      const section = box({ result: { ...emptyResult, missing }, onAction: vi.fn() });
      return { text: text(section), notify: text(section).includes('Notify me') };
    };
    expect(said('checking')).toEqual({
      text: expect.stringContaining('Looking in the media.ccc.de archive'),
      notify: false,
    });
    expect(said('checking').text).not.toContain('No recording published yet');
    expect(said('not-yet')).toEqual({ text: expect.stringContaining('No recording published yet'), notify: true });
    expect(said('none')).toEqual({ text: expect.stringContaining('No recording on media.ccc.de'), notify: false });
    expect(said('none').text).not.toContain('published yet');
    expect(said('unknown')).toEqual({
      text: expect.stringContaining('No recording in your Aftertalk archive'),
      notify: false,
    });
  });
});

describe('schedule box: FOSDEM video links', () => {
  it('lists the page’s own video.fosdem.org files first, with their kind', () => {
    const section = box({ session: fosdemSession, result: recordingResult });
    const parts = [...section.querySelectorAll('.box__part')].map((part) => part.getAttribute('class')?.split(' ')[1]);
    expect(parts).toEqual(['video-links', 'recording', 'related']);
    const videoLinks = section.querySelector('.video-links')!;
    expect(text(videoLinks.querySelector('h3'))).toBe('Recording on video.fosdem.org');
    expect(
      links(videoLinks).map((a) => [text(a), a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]),
    ).toEqual(fosdemSession.videoLinks.map((link) => [link.label, link.url, '_blank', 'noopener noreferrer']));
    expect([...videoLinks.querySelectorAll('.pill')].map(text)).toEqual(['WebM', 'MP4', 'Subtitles']);
  });

  it('does not claim "no recording" when the page has its own video files', () => {
    expect(text(box({ session: fosdemSession, result: emptyResult }))).not.toContain('No recording published yet');
  });
});

describe('schedule box: related recordings', () => {
  it('lists at most five, each linking to its media.ccc.de page with conference and duration', () => {
    const related = box({ result: fullResult }).querySelector('.related')!;
    expect(text(related.querySelector('h3'))).toBe('Related recordings');
    const items = related.querySelectorAll('ul > li');
    expect(items).toHaveLength(5);
    const titles = links(related, 'a.related__title');
    expect(titles.map((a) => a.getAttribute('href'))).toEqual(relatedTalks.slice(0, 5).map((t) => t.url));
    expect(
      titles.every((a) => a.getAttribute('target') === '_blank' && a.getAttribute('rel') === 'noopener noreferrer'),
    ).toBe(true);
    expect(text(items[0])).toContain('38c3');
    expect(text(items[0])).toContain('40 min');
    expect(text(related)).not.toContain('A sixth related talk');
  });

  it("keeps a full list's place, unseen, while a woken worker loads the related talks", () => {
    const pendingResult = { ...recordingResult, related: [], relatedPending: true };
    const pending = box({ onAction: vi.fn(), result: pendingResult });
    expect(pending.querySelector('.recording')).not.toBeNull();
    const place = pending.querySelector('.related')!;
    expect(place.classList.contains('related--pending')).toBe(true);
    expect(place.getAttribute('aria-busy')).toBe('true');
    expect(text(place.querySelector('h3'))).toBe('Related recordings');
    const list = place.querySelector('ul')!;
    expect(list.getAttribute('aria-hidden')).toBe('true');
    expect(list.querySelectorAll('li')).toHaveLength(5);
    expect(links(list)).toHaveLength(0);
    // Each row is drawn with the elements a related talk's row has (one-line title, marks), so
    // the list that follows takes the same height: the box does not push the page down.
    const rowShape = (row: Element) =>
      row.innerHTML
        .replace(/ (class|href|target|rel|aria-[a-z]+|id|title)="[^"]*"/g, '')
        .replace(/>[^<]*</g, '><')
        .replace(/<a>/g, '<span>')
        .replace(/<\/a>/g, '</span>');
    const oneLine = {
      ...recordingResult,
      related: relatedTalks.slice(0, 5).map((talk) => ({ ...talk, conference: '', durationText: '', thumbnail: '' })),
    };
    const answered = box({ onAction: vi.fn(), result: oneLine }).querySelectorAll('.related li');
    expect([...list.querySelectorAll('li')].map(rowShape)).toEqual([...answered].map(rowShape));
    expect(box({ result: pendingResult }).querySelector('.related ul button')).toBeNull();
  });

  it('leaves the section out when nothing is related', () => {
    const section = box({
      result: {
        recording: sureRecording,
        related: [],
        exportMayHelp: false,
        mine: { watchLater: [], watched: [], waiting: false },
        missing: null,
      },
    });
    expect(section.querySelector('.related')).toBeNull();
    expect(text(section)).not.toContain('Related recordings');
  });
});

describe('schedule box: hostile feed data', () => {
  it('turns a javascript: URL into text, never a link', () => {
    const evil = 'javascript:alert(1)';
    const section = box({
      session: { ...fosdemSession, videoLinks: [{ label: 'Video recording (MP4)', url: evil, kind: 'mp4' }] },
      result: {
        recording: { ...sureRecording, talk: talkCard({ url: evil, thumbnail: evil }), fileUrl: evil },
        related: [talkCard({ id: 'x', title: 'Evil related', url: evil, thumbnail: evil })],
        exportMayHelp: false,
        mine: { watchLater: [], watched: [], waiting: false },
        missing: null,
      },
    });
    expect(links(section).some((a) => (a.getAttribute('href') ?? '').toLowerCase().startsWith('javascript'))).toBe(
      false,
    );
    expect(links(section)).toHaveLength(0);
    expect(section.querySelector('img')).toBeNull();
    expect(text(section)).toContain('Fuzzing the Bluetooth stack of your car');
    expect(text(section)).toContain('Evil related');
  });

  it('renders markup in titles as text', () => {
    const title = 'Pwned <img src=x onerror=alert(1)>';
    const section = box({
      result: {
        recording: { ...sureRecording, talk: talkCard({ title, thumbnail: '' }) },
        related: [talkCard({ id: 'y', title, thumbnail: '' })],
        exportMayHelp: false,
        mine: { watchLater: [], watched: [], waiting: false },
        missing: null,
      },
    });
    expect(section.querySelector('img')).toBeNull();
    expect(text(section.querySelector('.recording__title'))).toBe(title);
    expect(text(section.querySelector('.related__title'))).toBe(title);
  });
});

describe('schedule box: states', () => {
  it('announces loading with aria-busy and shows no verdict yet', () => {
    const section = box({ state: 'loading', result: null });
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(text(section.querySelector('[role="status"]'))).toBe('Looking for a recording…');
    expect(text(section)).not.toContain('No recording published yet');
  });

  it('says quietly that the lookup failed, still showing the page’s own video files', () => {
    const section = box({ state: 'error', result: null, session: fosdemSession });
    expect(section.getAttribute('aria-busy')).toBe('false');
    expect(text(section.querySelector('[role="status"]'))).toBe('Aftertalk could not look up this talk right now.');
    expect(section.querySelectorAll('.video-links a')).toHaveLength(3);
    expect(text(section)).not.toContain('No recording published yet');
  });

  it('shows the header with its mark', () => {
    const header = box().querySelector('header')!;
    expect(text(header.querySelector('h2'))).toBe('Aftertalk');
    expect(header.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('knows when it has nothing to add to a page that embeds the recording', () => {
    expect(scheduleBoxHasContent(embeddedSession, emptyResult)).toBe(false);
    expect(scheduleBoxHasContent(embeddedSession, noRecordingResult)).toBe(true);
    expect(scheduleBoxHasContent(pretalxSession, emptyResult)).toBe(true);
  });
});

describe('schedule box: the user’s marks', () => {
  const marks = (mine: Partial<BoxMarks>): BoxMarks => ({ watchLater: [], watched: [], waiting: false, ...mine });

  it('offers Watch later and Mark watched for the recording, and says which are on', () => {
    const onAction = vi.fn();
    const section = box({
      onAction,
      result: { ...recordingResult, mine: marks({ watchLater: [sureRecording.talk.id] }) },
    });
    const buttons = [...section.querySelectorAll('.recording__marks button')] as HTMLButtonElement[];
    expect(buttons.map((b) => [text(b), b.getAttribute('aria-pressed')])).toEqual([
      ['★ Watch later', 'true'],
      ['○ Mark watched', 'false'],
    ]);
    act(() => buttons[0]!.click());
    act(() => buttons[1]!.click());
    expect(onAction.mock.calls).toEqual([
      ['watch-later', false, sureRecording.talk.id],
      ['watched', true, sureRecording.talk.id],
    ]);
  });

  it('marks watched talks everywhere, also in the related list, with labelled compact buttons', () => {
    const watchedId = recordingResult.related[0]!.id;
    const section = box({
      onAction: vi.fn(),
      result: { ...recordingResult, mine: marks({ watched: [sureRecording.talk.id, watchedId] }) },
    });
    expect(text(section.querySelector('.recording__title'))).toContain('Watched');
    const first = section.querySelector('.related__item')!;
    expect(text(first.querySelector('.meta'))).toContain('Watched');
    expect(first.querySelector('button[aria-pressed="true"]')?.getAttribute('aria-label')).toBe(
      `Watched: ${recordingResult.related[0]!.title}`,
    );
  });

  it('keeps the same elements and words whatever the marks, so its size never tells them to the page', () => {
    // Everything drawn, with the parts only a mark switches (which look shows, aria-pressed) left out.
    const shape = (section: Element) =>
      section.innerHTML
        .replace(/ class="[^"]*"/g, '')
        .replace(/ aria-pressed="[^"]*"/g, '')
        .replace(/ role="alert"/g, '');
    const every = recordingResult.related.map((talk) => talk.id).concat(sureRecording.talk.id);
    const none = box({ onAction: vi.fn(), result: recordingResult });
    const all = box({
      onAction: vi.fn(),
      result: { ...recordingResult, mine: marks({ watched: every, watchLater: every }) },
    });
    expect(shape(all)).toBe(shape(none));
    expect(text(all)).not.toBe(text(none));

    const offer = box({ onAction: vi.fn(), result: noRecordingResult });
    const waiting = box({ onAction: vi.fn(), result: { ...noRecordingResult, mine: marks({ waiting: true }) } });
    expect(shape(waiting)).toBe(shape(offer));
  });

  it('says why a click did nothing: the page hid or moved the box, or the change was refused', () => {
    const refused = box({ onAction: vi.fn(), result: recordingResult, notice: 'click-refused' });
    expect(text(refused.querySelector('[role="alert"]'))).toMatch(/^That click was not used/);
    const failed = box({ onAction: vi.fn(), result: recordingResult, notice: 'action-failed' });
    expect(text(failed.querySelector('[role="alert"]'))).toMatch(/^Nothing was changed: a list may be full/);
    expect(box({ onAction: vi.fn(), result: recordingResult }).querySelector('[role="alert"]')).toBeNull();
  });

  it('offers "notify me" for a talk without a recording, and a way back once asked', () => {
    const onAction = vi.fn();
    const offer = box({ onAction, result: noRecordingResult });
    const ask = [...offer.querySelectorAll('button')].find(
      (b) => text(b) === 'Notify me when the recording is published',
    )!;
    act(() => ask.click());
    expect(onAction).toHaveBeenCalledWith('notify-me', true);
    const waiting = box({ onAction, result: { ...noRecordingResult, mine: marks({ waiting: true }) } });
    expect(text(waiting.querySelector('.wait'))).toContain(
      'Aftertalk will notify you when the recording is published.',
    );
    act(() =>
      (
        [...waiting.querySelectorAll('.wait button')].find((b) => text(b) === 'Stop waiting') as HTMLButtonElement
      ).click(),
    );
    expect(onAction).toHaveBeenLastCalledWith('notify-me', false);
  });

  it('does not offer "notify me" when the recording is there, or while loading', () => {
    expect(text(box({ onAction: vi.fn() }))).not.toContain('Notify me');
    expect(text(box({ onAction: vi.fn(), state: 'loading', result: null }))).not.toContain('Notify me');
    expect(text(box({ result: noRecordingResult }))).not.toContain('Notify me');
  });
});

describe('schedule box: clicks by the page', () => {
  it('ignores synthetic clicks (isTrusted false), acts on the user’s', () => {
    const act = vi.fn();
    ifTrusted(act)({ isTrusted: false } as Event);
    expect(act).not.toHaveBeenCalled();
    ifTrusted(act)({ isTrusted: true } as Event);
    expect(act).toHaveBeenCalledTimes(1);
  });
});

describe('schedule box: play in place', () => {
  const play = {
    onAction: vi.fn(),
    onPlayer: vi.fn(),
    loadSources: vi.fn(async () => null),
  };

  it('offers Play for a media.ccc.de recording with the box’s buttons, and builds no player before it', () => {
    const section = box({ ...play });
    const button = [...section.querySelectorAll('button')].find((b) => text(b) === '▶ Play here');
    expect(button?.getAttribute('aria-label')).toBe(`Play “${sureRecording.talk.title}” here`);
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(section.querySelector('.player, video')).toBeNull();
    expect(play.loadSources).not.toHaveBeenCalled();
    button!.click();
    expect(play.onAction).toHaveBeenCalledWith('play', true, sureRecording.talk.id);
  });

  it('offers no Play without the box’s buttons, or for a talk off media.ccc.de', () => {
    expect(text(box()).includes('Play here')).toBe(false);
    const elsewhere = {
      ...recordingResult,
      recording: { ...sureRecording, talk: { ...sureRecording.talk, url: 'https://evil.example/v/x' } },
    };
    expect(text(box({ ...play, result: elsewhere })).includes('Play here')).toBe(false);
  });

  it('draws the player for the talk the content script opened it for, and only that one', async () => {
    expect(box({ ...play, player: { talkId: 'another' } }).querySelector('.player')).toBeNull();
    let container!: HTMLElement;
    await act(() => {
      container = renderInto(
        <ScheduleBox
          session={pretalxSession}
          result={recordingResult}
          state="ready"
          {...play}
          player={{ talkId: sureRecording.talk.id }}
        />,
      );
    });
    // The player's code arrives a moment after Play.
    await vi.waitFor(() => expect(container.querySelector('.player')).not.toBeNull());
    const player = container.querySelector('.player');
    expect(player?.getAttribute('aria-label')).toBe(`Player: ${sureRecording.talk.title}`);
    await vi.waitFor(() => expect(play.loadSources).toHaveBeenCalledWith(sureRecording.talk.id));
    container.querySelector<HTMLButtonElement>('.player__close')!.click();
    expect(play.onPlayer).toHaveBeenCalledWith('closed', sureRecording.talk.id);
    // Gone before the test's document is.
    await act(() => render(null, container));
  });
});
