import { createCipheriv, createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A Shamir share sealed to one committee member's counting key (P-256 ECDH, HKDF-SHA256, AES-256-GCM), in a layout
 * the browser's WebCrypto opens (apps/web/src/voting/counting-key.ts): ephemeral public point(65) | iv(12) | ct | tag(16).
 */
const POINT = 65;
const IV = 12;
const TAG = 16;

const info = (pollId: string): Buffer => Buffer.from(`dienhong key share v1 ${pollId}`);

export function sealShare(memberPublic: Buffer, pollId: string, share: Buffer): Buffer {
  if (memberPublic.length !== POINT || memberPublic[0] !== 4) throw new Error('a counting key is an uncompressed P-256 point (65 bytes)');
  const ecdh = createECDH('prime256v1');
  const eph = ecdh.generateKeys();
  const key = Buffer.from(hkdfSync('sha256', ecdh.computeSecret(memberPublic), eph, info(pollId), 32));
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(eph);
  const body = Buffer.concat([cipher.update(share), cipher.final()]);
  key.fill(0);
  return Buffer.concat([eph, iv, body, cipher.getAuthTag()]);
}

/** The member's side (as the browser does it), for tests and tools: the member's raw P-256 private scalar. */
export function openShare(memberPrivate: Buffer, pollId: string, sealed: Buffer): Buffer {
  const eph = sealed.subarray(0, POINT);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(memberPrivate);
  const key = Buffer.from(hkdfSync('sha256', ecdh.computeSecret(eph), eph, info(pollId), 32));
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(POINT, POINT + IV));
  decipher.setAAD(eph);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([decipher.update(sealed.subarray(POINT + IV, sealed.length - TAG)), decipher.final()]);
}
