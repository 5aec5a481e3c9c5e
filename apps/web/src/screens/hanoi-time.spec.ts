import { describe, expect, it } from '@jest/globals';
import { fromHanoiInput, toHanoiInput } from './hanoi-time.js';

describe('Hanoi wall-clock times in forms', () => {
  it('reads a datetime-local value as UTC+7 and writes it back the same', () => {
    expect(fromHanoiInput('2026-12-02T08:30')).toBe('2026-12-02T01:30:00.000Z');
    expect(toHanoiInput('2026-12-02T01:30:00.000Z')).toBe('2026-12-02T08:30');
    expect(toHanoiInput('2026-12-31T20:00:00.000Z')).toBe('2027-01-01T03:00');
  });
  it('refuses what is not a time', () => {
    expect(fromHanoiInput('')).toBeNull();
    expect(fromHanoiInput('2026-13-02T08:30')).toBeNull();
    expect(toHanoiInput(null)).toBe('');
  });
});
