import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, requestDeadlines } from './privacy-deadlines.js';

describe('privacy request deadlines', () => {
  it('counts working days past a weekend', () => {
    // Friday 2026-11-27 + 2 working days = Tuesday 2026-12-01
    expect(addWorkingDays(new Date('2026-11-27T09:00:00Z'), 2).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(addWorkingDays(new Date('2026-11-30T09:00:00Z'), 2).toISOString()).toBe('2026-12-02T09:00:00.000Z');
  });

  it('gives the answer and the completion deadline of a request', () => {
    const d = requestDeadlines(new Date('2026-12-01T00:00:00Z'));
    expect(d.responseDueAt.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(d.dueAt.toISOString()).toBe('2026-12-16T00:00:00.000Z');
  });
});
