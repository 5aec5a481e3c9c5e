import { describe, expect, it } from '@jest/globals';
import { en } from './en.js';
import { format } from './format.js';
import { vi } from './vi.js';

// a plural '{n, plural, one {…} other {…}}' names its parameter like '{n}' does
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)(?:\}|, plural)/g)].map((m) => m[1]).sort();

describe('web dictionaries', () => {
  it('vi and en have exactly the same keys', () => {
    const viKeys = Object.keys(vi).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((k) => !viKeys.includes(k))).toEqual([]);
    expect(viKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
  });

  it('no empty strings, and the same {placeholders} in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(vi[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
      expect({ key, p: placeholders(en[key]) }).toEqual({ key, p: placeholders(vi[key]) });
    }
  });

  it('Vietnamese text carries its diacritics', () => {
    expect(vi['login.title']).toBe('Đăng nhập');
    expect(vi['meetings.title']).toBe('Danh sách cuộc họp');
    expect(vi['meeting.agenda']).toBe('Chương trình họp');
  });

  it('English plurals: one vote, 2 votes, 0 votes', () => {
    const template = en['vote.votesOf'];
    expect(format(template, { votes: 1, pct: 50 })).toBe('1 vote (50%)');
    expect(format(template, { votes: 2, pct: 100 })).toBe('2 votes (100%)');
    expect(format(template, { votes: 0, pct: 0 })).toBe('0 votes (0%)');
    expect(format(vi['vote.votesOf'], { votes: 1, pct: 50 })).toBe('1 phiếu (50%)');
  });
});
