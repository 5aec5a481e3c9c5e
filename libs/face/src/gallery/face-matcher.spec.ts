import { describe, expect, it } from '@jest/globals';
import { FaceError, FaceErrorCode } from '../common/face-error.js';
import { DEFAULT_MATCHER_SETTINGS, FaceMatcher, euclidean } from './face-matcher.js';

/** A descriptor at a known distance from the origin along one axis. */
function at(axis: number, distance: number): Float32Array {
  const d = new Float32Array(128);
  d[axis] = distance;
  return d;
}

describe('FaceMatcher', () => {
  it('computes euclidean distance', () => {
    expect(euclidean(at(0, 3), at(1, 4))).toBeCloseTo(5, 6);
  });

  it('matches the nearest person within threshold and margin', () => {
    const m = new FaceMatcher({ threshold: 0.5, margin: 0.06 });
    m.add('alice', at(0, 0.3));
    m.add('alice', at(0, 2));
    m.add('bob', at(1, 0.9));
    const r = m.identify(new Float32Array(128));
    expect(r.personId).toBe('alice');
    expect(r.distance).toBeCloseTo(0.3, 6);
    expect(r.secondDistance).toBeCloseTo(0.9, 6);
    expect(r.margin).toBeCloseTo(0.6, 6);
  });

  it('identifies at another operating point when given one (kiosk frames) without changing its own', () => {
    const m = new FaceMatcher({ threshold: 0.5, margin: 0.06 });
    m.add('alice', at(0, 0.51));
    m.add('bob', at(1, 1));
    expect(m.identify(new Float32Array(128), { threshold: 0.52, margin: 0.06 }).personId).toBe('alice');
    expect(m.identify(new Float32Array(128)).personId).toBeNull();
  });

  it('rejects when the best distance is over the threshold', () => {
    const m = new FaceMatcher({ threshold: 0.5, margin: 0.06 });
    m.add('alice', at(0, 0.51));
    m.add('bob', at(1, 1));
    const r = m.identify(new Float32Array(128));
    expect(r.personId).toBeNull();
    expect(r.nearestPersonId).toBe('alice');
  });

  it('rejects an ambiguous match whose runner-up is within the margin', () => {
    const m = new FaceMatcher({ threshold: 0.5, margin: 0.06 });
    m.add('alice', at(0, 0.4));
    m.add('bob', at(1, 0.45));
    expect(m.identify(new Float32Array(128)).personId).toBeNull();
    m.remove('bob');
    m.add('bob', at(1, 0.47));
    expect(m.identify(new Float32Array(128)).personId).toBe('alice');
  });

  it('with one person the margin is infinite and an empty gallery matches nobody', () => {
    const m = new FaceMatcher(DEFAULT_MATCHER_SETTINGS);
    expect(m.identify(new Float32Array(128)).personId).toBeNull();
    m.add('alice', at(0, 0.2));
    const r = m.identify(new Float32Array(128));
    expect(r.personId).toBe('alice');
    expect(r.secondDistance).toBe(Infinity);
  });

  it('refuses malformed descriptors', () => {
    const m = new FaceMatcher(DEFAULT_MATCHER_SETTINGS);
    expect(() => m.add('x', new Float32Array(10))).toThrow(FaceError);
    const nan = new Float32Array(128);
    nan[3] = NaN;
    try {
      m.add('x', nan);
      throw new Error('expected a FaceError');
    } catch (err) {
      expect((err as FaceError).code).toBe(FaceErrorCode.DESCRIPTOR_INVALID);
    }
  });

  it('set() replaces a person and the shipped settings are the documented ones', () => {
    const m = new FaceMatcher(DEFAULT_MATCHER_SETTINGS);
    m.add('alice', at(0, 5));
    m.set('alice', [at(0, 0.1)]);
    expect(m.identify(new Float32Array(128)).personId).toBe('alice');
    expect(m.persons).toBe(1);
    expect(DEFAULT_MATCHER_SETTINGS).toEqual({ threshold: 0.5, margin: 0.06 });
  });
});
