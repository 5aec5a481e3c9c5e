import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescriptorCipher, loadOrCreateKeyFile, parseKey } from './descriptor-cipher.js';
import { FaceError, FaceErrorCode } from '../common/face-error.js';

function descriptor(): Float32Array {
  return Float32Array.from({ length: 128 }, (_, i) => Math.sin(i) * 0.1);
}

function expectCode(fn: () => unknown, code: FaceErrorCode): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FaceError);
    expect((err as FaceError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('DescriptorCipher', () => {
  const key = randomBytes(32);
  const cipher = new DescriptorCipher(key);

  it('round-trips a descriptor', () => {
    const d = descriptor();
    const blob = cipher.encrypt(d);
    expect(blob.length).toBe(1 + 12 + 16 + 512);
    expect(blob[0]).toBe(1);
    expect(Array.from(cipher.decrypt(blob))).toEqual(Array.from(d));
  });

  it('uses a fresh IV so equal descriptors encrypt differently', () => {
    const d = descriptor();
    expect(cipher.encrypt(d).equals(cipher.encrypt(d))).toBe(false);
  });

  it('does not store the plain floats', () => {
    const d = descriptor();
    const plain = Buffer.from(d.buffer);
    const blob = cipher.encrypt(d);
    expect(blob.includes(plain.subarray(0, 16))).toBe(false);
    expect(blob.includes(plain.subarray(256, 272))).toBe(false);
  });

  it('detects tampering with ciphertext, tag, iv or version', () => {
    const blob = cipher.encrypt(descriptor());
    for (const i of [blob.length - 1, 20, 5]) {
      const bad = Buffer.from(blob);
      bad[i] ^= 0x01;
      expectCode(() => cipher.decrypt(bad), FaceErrorCode.DESCRIPTOR_INVALID);
    }
    const other = Buffer.from(blob);
    other[0] = 2;
    expectCode(() => cipher.decrypt(other), FaceErrorCode.DESCRIPTOR_INVALID);
    expectCode(() => cipher.decrypt(blob.subarray(0, 20)), FaceErrorCode.DESCRIPTOR_INVALID);
  });

  it('fails with the wrong key', () => {
    const blob = cipher.encrypt(descriptor());
    expectCode(() => new DescriptorCipher(randomBytes(32)).decrypt(blob), FaceErrorCode.DESCRIPTOR_INVALID);
  });

  it('parses hex and base64 keys and rejects other lengths', () => {
    expect(parseKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseKey(key.toString('base64')).equals(key)).toBe(true);
    expect(() => parseKey(randomBytes(16).toString('base64'))).toThrow();
  });

  it('creates a 0600 key file once and reads it back later', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'face-key-'));
    const path = join(dir, 'nested', 'face.key');
    const first = await loadOrCreateKeyFile(path);
    expect(first.length).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateKeyFile(path);
    expect(again.equals(first)).toBe(true);
    expect(parseKey(await readFile(path, 'utf8')).equals(first)).toBe(true);
  });
});
