import { ApiError } from '../api/client.js';
import type { CountingKey } from '#contracts';

/**
 * A counting committee member's key, made and used only in their browser (WebCrypto), for secret polls whose key is
 * split among the committee (docs/secret-ballots.md, "committee custody"):
 * - the counting key is a P-256 ECDH pair; the server gets the public point (65 bytes, uncompressed) and the private
 *   key sealed under the member's passphrase: salt(16) | iv(12) | AES-256-GCM(pkcs8) with a PBKDF2-SHA256 key;
 * - at the count the server hands back the member's Shamir share sealed to that point
 *   (libs/voting/src/secrecy/share-seal.ts): ephemeral point(65) | iv(12) | ciphertext | tag(16), the AES-256-GCM key
 *   being HKDF-SHA256(ECDH secret, salt = ephemeral point, info = "dienhong key share v1 <poll id>"), the point as
 *   additional data. Opened here, the share goes back in hex; the passphrase and the private key never leave.
 */

const SALT = 16;
const IV = 12;
const POINT = 65;
// PBKDF2 rounds: OWASP's figure for SHA-256; the passphrase is typed twice a meeting at most
const ROUNDS = 600_000;

/** Codes the UI translates like the server's (error.<code>). */
export const WRONG_PASSPHRASE = 'COUNTING_PASSPHRASE_WRONG';
export const CRYPTO_UNAVAILABLE = 'CRYPTO_UNAVAILABLE';

function subtle(): SubtleCrypto {
  // WebCrypto exists only in secure contexts (https, localhost): a hall tablet on plain http has none
  const s = globalThis.crypto?.subtle;
  if (!s) throw new ApiError(CRYPTO_UNAVAILABLE, 'WebCrypto is not available (the page is not served over https)', 0);
  return s;
}

function bytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const raw = atob(s);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const s = subtle();
  const material = await s.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ROUNDS }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** A new counting key: the public point and the private key sealed under the passphrase, both base64, for PUT /me/counting-key. */
export async function createCountingKey(passphrase: string): Promise<CountingKey> {
  const s = subtle();
  const pair = await s.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const publicKey = new Uint8Array(await s.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await s.exportKey('pkcs8', pair.privateKey));
  const salt = bytes(SALT);
  const iv = bytes(IV);
  const sealed = new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv }, await passphraseKey(passphrase, salt), pkcs8));
  pkcs8.fill(0);
  return { publicKey: toBase64(publicKey), sealedPrivateKey: toBase64(concat(salt, iv, sealed)) };
}

/** The private counting key, unsealed with the passphrase; a wrong passphrase fails the AES-GCM tag. */
async function unsealPrivateKey(sealedPrivateKey: string, passphrase: string): Promise<CryptoKey> {
  const s = subtle();
  const raw = fromBase64(sealedPrivateKey);
  let pkcs8: Uint8Array<ArrayBuffer>;
  try {
    const key = await passphraseKey(passphrase, raw.slice(0, SALT));
    pkcs8 = new Uint8Array(await s.decrypt({ name: 'AES-GCM', iv: raw.slice(SALT, SALT + IV) }, key, raw.slice(SALT + IV)));
  } catch {
    throw new ApiError(WRONG_PASSPHRASE, 'The passphrase does not open this counting key', 0);
  }
  try {
    return await s.importKey('pkcs8', pkcs8, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** Opens this member's sealed share of a poll's key with their passphrase: the share in hex, for POST /count/share. */
export async function openKeyShare(opts: { pollId: string; sealedPrivateKey: string; passphrase: string; sealedShare: string }): Promise<string> {
  const s = subtle();
  const privateKey = await unsealPrivateKey(opts.sealedPrivateKey, opts.passphrase);
  const sealed = fromBase64(opts.sealedShare);
  if (sealed.length < POINT + IV + 16 + 2) throw new ApiError('COMMITTEE_KEY', 'The sealed share is too short', 0);
  const eph = sealed.slice(0, POINT);
  const ephemeral = await s.importKey('raw', eph, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const secret = await s.deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256);
  const hkdf = await s.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const info = new TextEncoder().encode(`dienhong key share v1 ${opts.pollId}`);
  const aes = await s.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: eph, info }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  let share: Uint8Array;
  try {
    // WebCrypto takes the tag appended to the ciphertext, which is the layout already
    share = new Uint8Array(await s.decrypt({ name: 'AES-GCM', iv: sealed.slice(POINT, POINT + IV), additionalData: eph }, aes, sealed.slice(POINT + IV)));
  } catch {
    throw new ApiError('COMMITTEE_KEY', 'This share was not sealed to this counting key', 0);
  }
  const hex = toHex(share);
  share.fill(0);
  return hex;
}
