import type { MessageKey } from '../i18n/vi.js';

/** A QR code's modules, as the `qrcode` package's BitMatrix gives them. */
export interface QrModules {
  size: number;
  get(row: number, col: number): number | boolean;
}

/** Quiet zone around the symbol, in modules (the QR standard asks for 4). */
export const QR_MARGIN = 4;

/**
 * One SVG path for all dark modules, one `h1v1h-1z` square each, offset by the quiet zone: an SVG element the
 * page draws itself (no inline script or style, so the CSP holds), crisp at any size.
 */
export function qrPath(modules: QrModules, margin = QR_MARGIN): string {
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + margin} ${row + margin}h1v1h-1z`);
    }
  }
  return parts.join('');
}

/** Side of the SVG's viewBox: the symbol and its quiet zone on both sides. */
export const qrViewSize = (modules: QrModules, margin = QR_MARGIN): number => modules.size + 2 * margin;

/**
 * When to fetch the next code: 20 s before this one runs out (so a scan at the door never meets an expired code), never
 * sooner than 5 s from now, and never later than the TTL minus 20 s even if the clocks differ.
 */
export function refreshDelayMs(expiresAt: string, ttlSeconds: number, nowMs: number): number {
  const early = 20_000;
  const untilExpiry = Date.parse(expiresAt) - nowMs - early;
  const byTtl = ttlSeconds * 1000 - early;
  const delay = Number.isFinite(untilExpiry) ? Math.min(untilExpiry, byTtl) : byTtl;
  return Math.max(5_000, delay);
}

/** What a scanned or typed text becomes before it is sent: trimmed, and nothing at all when empty or absurdly long. */
export function cleanCode(text: string): string | null {
  const code = text.trim();
  return code.length === 0 || code.length > 300 ? null : code;
}

/**
 * Whether a decoded code should go to the server: the camera sees the same code many times a second, so one code is
 * sent once, and again only after `repeatMs` (a delegate who comes back after a failed attempt).
 */
export function shouldSubmit(code: string, last: { code: string; at: number } | null, nowMs: number, repeatMs = 5_000): boolean {
  return !last || last.code !== code || nowMs - last.at >= repeatMs;
}

/** The scanner's words for the server's refusal of a code; null means "use the general error text". */
export function scanErrorKey(code: string, details?: unknown): MessageKey | null {
  switch (code) {
    case 'QR_CODE_EXPIRED':
      return 'qr.err.expired';
    case 'QR_CODE_INVALID': {
      const reason = (details as { reason?: unknown } | null | undefined)?.reason;
      return reason === 'wrong-meeting' ? 'qr.err.otherMeeting' : 'qr.err.invalid';
    }
    case 'VALIDATION_FAILED':
      return 'qr.err.invalid';
    case 'NOT_INVITED':
      return 'qr.err.notInvited';
    case 'MEETING_NOT_OPEN':
      return 'qr.err.closed';
    default:
      return null;
  }
}

/** Largest side of the frame handed to the decoder: enough for a phone's code at arm's length, cheap on a tablet. */
export const SCAN_MAX_SIDE = 640;

/** The decoder's frame size for a video of `width` x `height`. */
export function scanSize(width: number, height: number, maxSide = SCAN_MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
