import { AgreementTracker, KioskRateLimiter } from './agreement.tracker.js';

describe('AgreementTracker', () => {
  it('needs N sightings from the same source within the window', () => {
    let now = 0;
    const t = new AgreementTracker(2, 4000, () => now);
    expect(t.observe('kiosk-a', 'p1')).toBe(false);
    now = 1000;
    expect(t.observe('kiosk-b', 'p1')).toBe(false); // another kiosk does not count
    now = 2000;
    expect(t.observe('kiosk-a', 'p1')).toBe(true);
    now = 2500;
    expect(t.observe('kiosk-a', 'p1')).toBe(false); // starts over after agreeing
  });

  it('forgets sightings older than the window, and forgets a person on demand', () => {
    let now = 0;
    const t = new AgreementTracker(2, 4000, () => now);
    t.observe('k', 'p1');
    now = 5000;
    expect(t.observe('k', 'p1')).toBe(false);
    t.forget('p1');
    now = 5100;
    expect(t.observe('k', 'p1')).toBe(false);
    expect(new AgreementTracker(1, 10, () => 0).observe('k', 'p')).toBe(true);
  });
});

describe('KioskRateLimiter', () => {
  it('lets a burst of 2x the rate through, then asks to wait, and refills over time', () => {
    let now = 0;
    const r = new KioskRateLimiter(5, () => now);
    for (let i = 0; i < 10; i++) expect(r.take('k')).toBe(0);
    expect(r.take('k')).toBeGreaterThan(0);
    expect(r.take('other')).toBe(0);
    now = 1000;
    for (let i = 0; i < 5; i++) expect(r.take('k')).toBe(0);
    expect(r.take('k')).toBeGreaterThan(0);
  });
});
