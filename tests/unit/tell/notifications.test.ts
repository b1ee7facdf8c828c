import { describe, expect, it } from 'vitest';
import { newTalksNotice, recordingOutNotice, targetOfNotice } from '@/lib/tell/notifications';

const talk = (id: string, conference: string, title = `Talk ${id}`) => ({
  id,
  title,
  conference,
  speakers: ['Alice', 'Bob'],
});

describe('notification text', () => {
  it('names a single new talk in full and opens its recording', () => {
    const notice = newTalksNotice([talk('a', '39c3', 'Breaking UEFI Secure Boot')], new Set(), 5)!;
    expect(notice.title).toBe('Breaking UEFI Secure Boot');
    expect(notice.message).toBe('New recording: 39c3 · Alice, Bob');
    expect(targetOfNotice(notice.id)).toEqual({ kind: 'talk', talkId: 'a' });
  });
  it('summarises several by conference, larger groups first, and opens the new list', () => {
    const talks = [...'abcdefg'].map((id) => talk(id, '39c3')).concat([talk('h', 'asg2025'), talk('i', 'asg2025')]);
    const notice = newTalksNotice(talks, new Set(), 5)!;
    expect(notice.title).toBe('9 new talks');
    expect(notice.message).toBe('7 new talks from 39c3, 2 from asg2025');
    expect(targetOfNotice(notice.id)).toEqual({ kind: 'new-talks' });
  });
  it('puts followed conferences first and counts the rest beyond three', () => {
    const talks = [talk('1', 'a'), talk('2', 'a'), talk('3', 'b'), talk('4', 'c'), talk('5', 'd'), talk('6', 'e')];
    expect(newTalksNotice(talks, new Set(['e']), 1)!.message).toBe(
      '1 new talk from e, 2 from a, 1 from b and 2 more conferences',
    );
  });
  it('has nothing to say without talks', () => {
    expect(newTalksNotice([], new Set(), 1)).toBeNull();
  });
  it('announces an awaited recording by its title and opens it', () => {
    const notice = recordingOutNotice(talk('x', 'sotm2025', 'Vector tiles'));
    expect(notice.message).toBe('The recording of “Vector tiles” is out.');
    expect(targetOfNotice(notice.id)).toEqual({ kind: 'talk', talkId: 'x' });
    expect(targetOfNotice('someone-else:1')).toBeNull();
  });
  it('keeps feed text bounded', () => {
    expect(newTalksNotice([talk('a', '39c3', 'x'.repeat(5000))], new Set(), 1)!.title.length).toBeLessThanOrEqual(120);
  });
});
