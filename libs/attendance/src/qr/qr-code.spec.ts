import { signQrCode, verifyQrCode } from './qr-code.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const MEETING = '6f1c1f4e-8a53-4d7c-9d55-0b1f8d1f3a01';
const OTHER_MEETING = '6f1c1f4e-8a53-4d7c-9d55-0b1f8d1f3a02';
const DELEGATE = '0a6c3b9e-2b8e-4c55-8f0d-1c2d3e4f5a6b';
const NOW = Date.UTC(2026, 10, 22, 9, 0, 0);

describe('QR check-in codes', () => {
  it('round-trips meeting and delegate', () => {
    const { code, expiresAt } = signQrCode(SECRET, MEETING, DELEGATE, NOW, 120);
    expect(expiresAt.getTime()).toBe(NOW + 120_000);
    expect(verifyQrCode(SECRET, code, MEETING, NOW + 60_000)).toEqual({ ok: true, claims: { meetingId: MEETING, delegateId: DELEGATE, expiresAt: (NOW + 120_000) / 1000 } });
  });

  it('refuses an expired code', () => {
    const { code } = signQrCode(SECRET, MEETING, DELEGATE, NOW, 120);
    expect(verifyQrCode(SECRET, code, MEETING, NOW + 120_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a code for another meeting', () => {
    const { code } = signQrCode(SECRET, MEETING, DELEGATE, NOW);
    expect(verifyQrCode(SECRET, code, OTHER_MEETING, NOW)).toEqual({ ok: false, reason: 'wrong-meeting' });
  });

  it('refuses tampering: another delegate, a later expiry, another secret, a changed signature', () => {
    const { code } = signQrCode(SECRET, MEETING, DELEGATE, NOW);
    const parts = code.split('.');
    const otherDelegate = [parts[0], parts[1], '0a6c3b9e-2b8e-4c55-8f0d-1c2d3e4f5a6c', parts[3], parts[4]].join('.');
    expect(verifyQrCode(SECRET, otherDelegate, MEETING, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const later = [parts[0], parts[1], parts[2], String(Number(parts[3]) + 3600), parts[4]].join('.');
    expect(verifyQrCode(SECRET, later, MEETING, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyQrCode('another-secret-that-is-also-long-enough!!', code, MEETING, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
    const flipped = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    expect(verifyQrCode(SECRET, flipped, MEETING, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses malformed input without throwing', () => {
    for (const junk of ['', 'x', 'dq1.a.b.c.d', `dq2.${MEETING}.${DELEGATE}.1.sig`, `dq1.${MEETING}.${DELEGATE}.-5.sig`, '.'.repeat(4), 'é'.repeat(300)]) {
      expect(verifyQrCode(SECRET, junk, MEETING, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
