import { describe, expect, it } from 'vitest';
import { conferenceOfPage, schedulePrefixOf, type ConferenceRef } from '@/lib/history/conference-of-page';

const conferences: ConferenceRef[] = [
  {
    acronym: 'asg2023',
    scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2023/schedule/export/schedule.xml',
    link: 'https://all-systems-go.io/',
  },
  {
    acronym: 'asg2024',
    scheduleUrl: 'https://cfp.all-systems-go.io/all-systems-go-2024/schedule/export/schedule.xml',
    link: '',
  },
  { acronym: '36c3', scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/schedule.xml', link: '' },
  { acronym: 'rc3', scheduleUrl: 'http://fahrplan.events.ccc.de/rc3/2020/Fahrplan/schedule.xml', link: '' },
  { acronym: '38c3', scheduleUrl: 'https://fahrplan.events.ccc.de/congress/2024/fahrplan/schedule.xml', link: '' },
  {
    acronym: 'sotm2022',
    scheduleUrl: 'https://2022.stateofthemap.org/programme/schedule.xml',
    link: 'https://2022.stateofthemap.org/',
  },
];
const page = (site: string, scheduleUrl: string, event?: string) => ({
  site,
  scheduleUrl,
  ...(event ? { event } : {}),
});

describe('conferenceOfPage', () => {
  it('finds a pretalx page’s conference by its event’s export URL', () => {
    const asg = page(
      'pretalx',
      'https://cfp.all-systems-go.io/all-systems-go-2023/talk/ABCDEF/',
      'all-systems-go-2023',
    );
    expect(conferenceOfPage(asg, conferences)?.acronym).toBe('asg2023');
    const next = page('pretalx', 'https://cfp.all-systems-go.io/all-systems-go-2024/talk/XYZ789/');
    expect(conferenceOfPage(next, conferences)?.acronym).toBe('asg2024');
  });

  it('finds an old frab page’s conference by its Fahrplan folder, whatever the case and scheme', () => {
    const frab = page('ccc-hub', 'https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/10496.html', '36c3');
    expect(conferenceOfPage(frab, conferences)?.acronym).toBe('36c3');
    const rc3 = page('linked-page', 'https://fahrplan.events.ccc.de/rc3/2020/Fahrplan/events/11337.html');
    expect(conferenceOfPage(rc3, conferences)?.acronym).toBe('rc3');
  });

  it('finds a congress hub page by the acronym its adapter read', () => {
    const hub = page('ccc-hub', 'https://events.ccc.de/congress/2024/hub/en/event/detail/some-talk', '38c3');
    expect(conferenceOfPage(hub, conferences)?.acronym).toBe('38c3');
    expect(conferenceOfPage(page('ccc-hub', hub.scheduleUrl, '41c3'), conferences)).toBeNull();
  });

  it('finds nothing for FOSDEM (its recordings are not on media.ccc.de) or an unrelated page', () => {
    expect(
      conferenceOfPage(page('fosdem', 'https://fosdem.org/2023/schedule/event/keynotes_welcome/'), conferences),
    ).toBeNull();
    expect(conferenceOfPage(page('pretalx', 'https://pretalx.com/democon/talk/ABCDEF/'), conferences)).toBeNull();
  });

  it('does not take a conference whose schedule only shares the start of a path segment', () => {
    const lookalike = page('pretalx', 'https://cfp.all-systems-go.io/all-systems-go/talk/ABCDEF/');
    expect(conferenceOfPage(lookalike, conferences)).toBeNull();
  });

  it('leaves it open when two conferences claim the same schedule', () => {
    const twice = [...conferences, { ...conferences[0]!, acronym: 'asg2023-again' }];
    const asg = page('pretalx', 'https://cfp.all-systems-go.io/all-systems-go-2023/talk/ABCDEF/');
    expect(conferenceOfPage(asg, twice)).toBeNull();
  });

  it('reads the schedule prefix of pretalx pages under a prefix and of static exports', () => {
    expect(schedulePrefixOf('https://www.example.org/pretalx/ev/talk/ABCDEF/')).toBe('example.org/pretalx/ev');
    expect(schedulePrefixOf('https://example.org/ev/talk/ABCDEF/index.html')).toBe('example.org/ev');
    expect(schedulePrefixOf('https://example.org/about/')).toBeNull();
    expect(schedulePrefixOf('javascript:alert(1)')).toBeNull();
  });
});
