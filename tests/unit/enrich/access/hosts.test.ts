import { describe, expect, it } from 'vitest';
import {
  canonicalHost,
  hostOfHttpUrl,
  hostOfOriginPattern,
  isRequiredScheduleHost,
  isValidPatternHost,
  originPatternFor,
  REQUIRED_SCHEDULE_HOSTS,
  REQUIRED_SCHEDULE_MATCHES,
  REQUIRED_SCHEDULE_SITE_NAMES,
} from '@/lib/enrich/access/hosts';

describe('required schedule hosts', () => {
  it('gives one https:// match pattern per host, no http and no wildcard host', () => {
    expect(REQUIRED_SCHEDULE_MATCHES).toHaveLength(REQUIRED_SCHEDULE_HOSTS.length);
    expect(REQUIRED_SCHEDULE_MATCHES).toContain('https://fosdem.org/*');
    expect(REQUIRED_SCHEDULE_MATCHES).toContain('https://2025.stateofthemap.org/*');
    expect(REQUIRED_SCHEDULE_MATCHES.every((pattern) => /^https:\/\/[a-z0-9.-]+\/\*$/.test(pattern))).toBe(true);
  });
  it('names the State of the Map sites that exist, not every subdomain', () => {
    expect(REQUIRED_SCHEDULE_HOSTS.filter((host) => host.endsWith('stateofthemap.org'))).toEqual(
      [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2024, 2025, 2026].map((year) => `${year}.stateofthemap.org`),
    );
    expect(REQUIRED_SCHEDULE_SITE_NAMES).toContain('<year>.stateofthemap.org (2016–2026)');
  });
  it('recognises listed hosts, case and trailing dot aside', () => {
    expect(isRequiredScheduleHost('fosdem.org')).toBe(true);
    expect(isRequiredScheduleHost('PRETALX.com.')).toBe(true);
    expect(isRequiredScheduleHost('www.fosdem.org')).toBe(false);
    expect(isRequiredScheduleHost('pretalx.com.evil.org')).toBe(false);
    expect(isRequiredScheduleHost('')).toBe(false);
  });
  it('covers only the named State of the Map years', () => {
    expect(isRequiredScheduleHost('2025.stateofthemap.org')).toBe(true);
    expect(isRequiredScheduleHost('stateofthemap.org')).toBe(false);
    expect(isRequiredScheduleHost('2023.stateofthemap.org')).toBe(false);
    expect(isRequiredScheduleHost('a.b.stateofthemap.org')).toBe(false);
    expect(isRequiredScheduleHost('notstateofthemap.org')).toBe(false);
  });
});

describe('origin patterns', () => {
  it('originPatternFor canonicalises the host', () => {
    expect(originPatternFor('CFP.Example.org.')).toBe('*://cfp.example.org/*');
  });
  it('hostOfOriginPattern reads concrete hosts of http(s) and * patterns', () => {
    expect(hostOfOriginPattern('*://cfp.example.org/*')).toBe('cfp.example.org');
    expect(hostOfOriginPattern('https://Cfp.Example.org/*')).toBe('cfp.example.org');
    expect(hostOfOriginPattern('http://cfp.example.org/path/*')).toBe('cfp.example.org');
    expect(hostOfOriginPattern('*://cfp.example.org:8080/*')).toBe('cfp.example.org');
    expect(hostOfOriginPattern('*://example.org./*')).toBe('example.org');
    expect(hostOfOriginPattern('*://[::1]/*')).toBe('[::1]');
  });
  it('hostOfOriginPattern gives null for wildcards and other schemes', () => {
    expect(hostOfOriginPattern('*://*/*')).toBeNull();
    expect(hostOfOriginPattern('https://*/*')).toBeNull();
    expect(hostOfOriginPattern('*://*.example.org/*')).toBeNull();
    expect(hostOfOriginPattern('<all_urls>')).toBeNull();
    expect(hostOfOriginPattern('file:///*')).toBeNull();
    expect(hostOfOriginPattern('ftp://example.org/*')).toBeNull();
    expect(hostOfOriginPattern('*://example.org')).toBeNull();
  });
  it('round-trips through originPatternFor', () => {
    for (const host of ['cfp.example.org', 'talks.a-b.example', '10.0.0.1'])
      expect(hostOfOriginPattern(originPatternFor(host))).toBe(host);
  });
});

describe('host helpers', () => {
  it('canonicalHost lower-cases and drops the trailing dot', () => {
    expect(canonicalHost(' Example.ORG. ')).toBe('example.org');
  });
  it('isValidPatternHost accepts names and IPs a match pattern can hold', () => {
    for (const host of [
      'example.org',
      'cfp.example.org',
      'xn--mnchen-3ya.de',
      'localhost',
      '10.0.0.1',
      '[::1]',
      'a_b.example.org',
      'EXAMPLE.org.',
    ]) {
      expect(isValidPatternHost(host), host).toBe(true);
    }
  });
  it('isValidPatternHost refuses wildcards, ports, paths and junk', () => {
    for (const host of [
      '',
      '*',
      '*.example.org',
      'example.org:8080',
      'example.org/x',
      'a b.org',
      '-a.org',
      'a..org',
      'user@a.org',
      'x'.repeat(254),
    ]) {
      expect(isValidPatternHost(host), host).toBe(false);
    }
  });
  it('hostOfHttpUrl reads http(s) URLs only', () => {
    expect(hostOfHttpUrl('https://CFP.example.org:8443/x?y')).toBe('cfp.example.org');
    expect(hostOfHttpUrl('http://example.org')).toBe('example.org');
    expect(hostOfHttpUrl('ftp://example.org/')).toBeNull();
    expect(hostOfHttpUrl('javascript:alert(1)')).toBeNull();
    expect(hostOfHttpUrl('https://')).toBeNull();
    expect(hostOfHttpUrl('')).toBeNull();
  });
});
