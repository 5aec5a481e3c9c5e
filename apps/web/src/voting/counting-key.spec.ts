import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api/client.js';
import { createCountingKey, fromBase64, openKeyShare, toBase64, toHex, WRONG_PASSPHRASE } from './counting-key.js';

/** The server's sealing of a share (libs/voting/src/secrecy/share-seal.ts), redone with WebCrypto: eph | iv | ct | tag. */
async function sealLikeTheServer(memberPublicB64: string, pollId: string, share: Uint8Array<ArrayBuffer>): Promise<string> {
  const s = crypto.subtle;
  const eph = await s.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const ephPoint = new Uint8Array(await s.exportKey('raw', eph.publicKey));
  const member = await s.importKey('raw', fromBase64(memberPublicB64), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const secret = await s.deriveBits({ name: 'ECDH', public: member }, eph.privateKey, 256);
  const hkdf = await s.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  const key = await s.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: ephPoint, info: new TextEncoder().encode(`dienhong key share v1 ${pollId}`) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const body = new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv, additionalData: ephPoint }, key, share));
  const out = new Uint8Array(ephPoint.length + iv.length + body.length);
  out.set(ephPoint, 0);
  out.set(iv, ephPoint.length);
  out.set(body, ephPoint.length + iv.length);
  return toBase64(out);
}

describe('counting key (WebCrypto, in the member’s browser)', () => {
  const pollId = '0b7f3c52-5d0e-4b8e-9a57-3f2d1c0e9a11';

  it('makes an uncompressed P-256 point and a private key sealed as salt | iv | AES-GCM', async () => {
    const key = await createCountingKey('mật khẩu kiểm phiếu');
    const point = fromBase64(key.publicKey);
    expect(point.length).toBe(65);
    expect(point[0]).toBe(4);
    // pkcs8 of a P-256 key is 138 bytes, plus the 16-byte salt, 12-byte iv and 16-byte tag
    expect(fromBase64(key.sealedPrivateKey).length).toBe(16 + 12 + 138 + 16);
  });

  it('opens a share sealed to the key with the right passphrase, and refuses a wrong one', async () => {
    const key = await createCountingKey('mật khẩu kiểm phiếu');
    const share = crypto.getRandomValues(new Uint8Array(33));
    const sealedShare = await sealLikeTheServer(key.publicKey, pollId, share);
    expect(await openKeyShare({ pollId, sealedPrivateKey: key.sealedPrivateKey, passphrase: 'mật khẩu kiểm phiếu', sealedShare })).toBe(toHex(share));
    const wrong = await openKeyShare({ pollId, sealedPrivateKey: key.sealedPrivateKey, passphrase: 'sai mật khẩu', sealedShare }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect((wrong as ApiError).code).toBe(WRONG_PASSPHRASE);
  });

  it('a share sealed for another poll does not open (the poll id is in the key derivation)', async () => {
    const key = await createCountingKey('mật khẩu kiểm phiếu');
    const sealedShare = await sealLikeTheServer(key.publicKey, pollId, crypto.getRandomValues(new Uint8Array(33)));
    const other = await openKeyShare({ pollId: 'another-poll', sealedPrivateKey: key.sealedPrivateKey, passphrase: 'mật khẩu kiểm phiếu', sealedShare }).catch((e: unknown) => e);
    expect((other as ApiError).code).toBe('COMMITTEE_KEY');
  });
});
