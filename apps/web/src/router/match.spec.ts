import { describe, expect, it } from '@jest/globals';
import { buildPath, matchPath } from './match.js';

describe('matchPath', () => {
  it('matches static and parameter segments', () => {
    expect(matchPath('/meetings', '/meetings')).toEqual({});
    expect(matchPath('/meetings', '/meetings/')).toEqual({});
    expect(matchPath('/meetings/:meetingId', '/meetings/abc')).toEqual({ meetingId: 'abc' });
    expect(matchPath('/meetings/:meetingId/console', '/meetings/a%20b/console')).toEqual({ meetingId: 'a b' });
  });
  it('rejects other shapes', () => {
    expect(matchPath('/meetings/:meetingId', '/meetings')).toBeNull();
    expect(matchPath('/meetings/:meetingId', '/delegates/x')).toBeNull();
    expect(matchPath('/meetings/:meetingId', '/meetings/%E0%A4%A')).toBeNull();
  });
  it('builds paths with encoded parameters', () => {
    expect(buildPath('/meetings/:meetingId/console', { meetingId: 'a/b' })).toBe('/meetings/a%2Fb/console');
    expect(() => buildPath('/meetings/:meetingId')).toThrow('meetingId');
  });
});
