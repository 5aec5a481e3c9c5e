import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a delegate's check-in QR code stays valid; the app refreshes it before it runs out. */
export const QR_CODE_TTL_SECONDS = 120;
const VERSION = 'dq1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface QrClaims {
  meetingId: string;
  delegateId: string;
  /** Unix seconds */
  expiresAt: number;
}

export type QrVerification = { ok: true; claims: QrClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-meeting' };

function sign(secret: string, body: string): string {
  // a key of its own, derived from the JWT secret, so a QR signature can never be replayed as anything else
  return createHmac('sha256', `dien-hong:qr:${secret}`).update(body).digest('base64url');
}

/** `dq1.<meetingId>.<delegateId>.<expiresAt>.<hmac>`: fits a QR code, readable, bound to meeting and delegate. */
export function signQrCode(secret: string, meetingId: string, delegateId: string, nowMs: number, ttlSeconds = QR_CODE_TTL_SECONDS): { code: string; expiresAt: Date } {
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const body = `${VERSION}.${meetingId}.${delegateId}.${expiresAt}`;
  return { code: `${body}.${sign(secret, body)}`, expiresAt: new Date(expiresAt * 1000) };
}

export function verifyQrCode(secret: string, code: string, meetingId: string, nowMs: number): QrVerification {
  const parts = code.split('.');
  if (parts.length !== 5) return { ok: false, reason: 'malformed' };
  const [version, codeMeeting, delegateId, expiresText, signature] = parts;
  if (version !== VERSION || !UUID.test(codeMeeting) || !UUID.test(delegateId) || !/^\d{1,12}$/.test(expiresText)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, `${version}.${codeMeeting}.${delegateId}.${expiresText}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const expiresAt = Number(expiresText);
  if (expiresAt * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  if (codeMeeting.toLowerCase() !== meetingId.toLowerCase()) return { ok: false, reason: 'wrong-meeting' };
  return { ok: true, claims: { meetingId: codeMeeting, delegateId, expiresAt } };
}
