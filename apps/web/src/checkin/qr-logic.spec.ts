import { describe, expect, it } from '@jest/globals';
import { cleanCode, qrPath, qrViewSize, refreshDelayMs, scanErrorKey, scanSize, shouldSubmit, type QrModules } from './qr-logic.js';

const grid = (rows: string[]): QrModules => ({ size: rows.length, get: (r, c) => rows[r][c] === '#' });

describe('QR check-in logic', () => {
  it('draws one square per dark module, offset by the quiet zone', () => {
    const m = grid(['#.', '.#']);
    expect(qrPath(m)).toBe('M4 4h1v1h-1zM5 5h1v1h-1z');
    expect(qrPath(m, 0)).toBe('M0 0h1v1h-1zM1 1h1v1h-1z');
    expect(qrViewSize(m)).toBe(10);
    expect(qrPath(grid(['..', '..']))).toBe('');
  });

  it('refreshes a code 20 s before it expires, within bounds', () => {
    const now = Date.UTC(2026, 11, 2, 8, 0, 0);
    const iso = (ms: number) => new Date(now + ms).toISOString();
    expect(refreshDelayMs(iso(120_000), 120, now)).toBe(100_000);
    // a server clock ahead of ours does not push the refresh past the TTL
    expect(refreshDelayMs(iso(600_000), 120, now)).toBe(100_000);
    // an almost expired (or already expired) code: soon, but not in a tight loop
    expect(refreshDelayMs(iso(10_000), 120, now)).toBe(5_000);
    expect(refreshDelayMs(iso(-60_000), 120, now)).toBe(5_000);
    expect(refreshDelayMs('not a date', 120, now)).toBe(100_000);
  });

  it('cleans a scanned or typed code', () => {
    expect(cleanCode('  dq1.a.b.c.d \n')).toBe('dq1.a.b.c.d');
    expect(cleanCode('   ')).toBeNull();
    expect(cleanCode('x'.repeat(301))).toBeNull();
  });

  it('sends a code seen again and again once, and again after a pause', () => {
    expect(shouldSubmit('a', null, 1000)).toBe(true);
    expect(shouldSubmit('a', { code: 'a', at: 1000 }, 3000)).toBe(false);
    expect(shouldSubmit('b', { code: 'a', at: 1000 }, 1001)).toBe(true);
    expect(shouldSubmit('a', { code: 'a', at: 1000 }, 6000)).toBe(true);
  });

  it('words the refusals a scanner meets', () => {
    expect(scanErrorKey('QR_CODE_EXPIRED')).toBe('qr.err.expired');
    expect(scanErrorKey('QR_CODE_INVALID', { reason: 'bad-signature' })).toBe('qr.err.invalid');
    expect(scanErrorKey('QR_CODE_INVALID', { reason: 'wrong-meeting' })).toBe('qr.err.otherMeeting');
    expect(scanErrorKey('QR_CODE_INVALID')).toBe('qr.err.invalid');
    expect(scanErrorKey('VALIDATION_FAILED')).toBe('qr.err.invalid');
    expect(scanErrorKey('NOT_INVITED')).toBe('qr.err.notInvited');
    expect(scanErrorKey('MEETING_NOT_OPEN')).toBe('qr.err.closed');
    expect(scanErrorKey('NETWORK')).toBeNull();
  });

  it('downscales frames for the decoder, never up', () => {
    expect(scanSize(1280, 720)).toEqual({ width: 640, height: 360 });
    expect(scanSize(320, 240)).toEqual({ width: 320, height: 240 });
    expect(scanSize(0, 0)).toEqual({ width: 1, height: 1 });
  });
});
