import { describe, expect, it } from '@jest/globals';
import { en } from './en.js';
import { vi } from './vi.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

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
});
