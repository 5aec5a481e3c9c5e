import { describe, expect, it } from '@jest/globals';
import type { ConfidenceGrade, PollOption } from '#contracts';
import { officialsOf, ratingChoices } from './officials.js';

const option = (position: number, subject: number, grade: ConfidenceGrade, name: string): PollOption => ({
  id: `o${position}`,
  position,
  label: `${name} — ${grade}`,
  code: null,
  delegateId: null,
  subject,
  subjectName: name,
  grade,
});

describe('confidence ballot officials', () => {
  // stored out of order, as a list from the server may come
  const options = [option(4, 2, 'high', 'B'), option(1, 1, 'high', 'A'), option(6, 2, 'low', 'B'), option(2, 1, 'medium', 'A'), option(3, 1, 'low', 'A'), option(5, 2, 'medium', 'B')];

  it('groups the options by official, in ballot order, levels in order', () => {
    const officials = officialsOf({ options });
    expect(officials.map((o) => [o.subject, o.name, o.options.map((x) => x.grade)])).toEqual([
      [1, 'A', ['high', 'medium', 'low']],
      [2, 'B', ['high', 'medium', 'low']],
    ]);
  });

  it('sends one option per rated official and never an option of another official under their name', () => {
    const officials = officialsOf({ options });
    expect(ratingChoices(officials, { 1: 'o3', 2: 'o4' })).toEqual(['o3', 'o4']);
    expect(ratingChoices(officials, { 2: 'o6' })).toEqual(['o6']);
    expect(ratingChoices(officials, { 1: 'o4' })).toEqual([]);
    expect(ratingChoices(officials, {})).toEqual([]);
  });
});
