import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FaceError, FaceErrorCode } from '../common/face-error.js';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Parses a 32-byte key given as 64 hex characters or base64. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`Face descriptor key must be ${KEY_BYTES} bytes (hex or base64)`);
  return key;
}

/**
 * AES-256-GCM for descriptors at rest. Layout: version(1) | iv(12) | tag(16) | ciphertext.
 * The version byte names the key, so a future rotation can hold several keys and re-encrypt lazily.
 */
export class DescriptorCipher {
  private readonly key: Buffer;

  constructor(key: string | Buffer, readonly version: number = VERSION) {
    this.key = typeof key === 'string' ? parseKey(key) : Buffer.from(key);
    if (this.key.length !== KEY_BYTES) throw new Error(`Face descriptor key must be ${KEY_BYTES} bytes`);
    if (!Number.isInteger(version) || version < 1 || version > 255) throw new Error('Key version must be 1..255');
  }

  encrypt(descriptor: Float32Array): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const header = Buffer.from([this.version]);
    // The version byte is authenticated too, so it cannot be swapped to pick another key.
    cipher.setAAD(header);
    const plain = Buffer.from(descriptor.buffer, descriptor.byteOffset, descriptor.byteLength);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Uint8Array): Float32Array {
    const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    if (buf.length < 1 + IV_BYTES + TAG_BYTES + 4 || buf[0] !== this.version) {
      throw new FaceError(FaceErrorCode.DESCRIPTOR_INVALID, 'Encrypted descriptor has an unknown format or key version');
    }
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const body = buf.subarray(1 + IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(buf.subarray(0, 1));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(body), decipher.final()]);
      if (plain.length % 4 !== 0) throw new Error('length');
      // Copy into an aligned buffer: Float32Array needs a 4-byte aligned offset.
      return new Float32Array(new Uint8Array(plain).buffer);
    } catch {
      throw new FaceError(FaceErrorCode.DESCRIPTOR_INVALID, 'Encrypted descriptor failed authentication');
    }
  }
}

/** Reads the key file, or creates it (random 32 bytes, base64, mode 0600) for the embedded default set-up. */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  try {
    return parseKey(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  try {
    // 'wx' so two processes starting together do not overwrite each other's key.
    await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseKey(await readFile(path, 'utf8'));
    throw err;
  }
}

/** The key file's version lives beside it (`face.key.version`), written by `npm run face:rotate-key`; absent = FACE_KEY_VERSION. */
export async function readKeyFileVersion(keyPath: string): Promise<number | null> {
  try {
    const version = Number((await readFile(`${keyPath}.version`, 'utf8')).trim());
    if (!Number.isInteger(version) || version < 1 || version > 255) throw new Error(`${keyPath}.version must hold 1..255`);
    return version;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Rotation, step 1 (before the database changes): the new key is on disk next to the old one. */
export async function stageKeyFile(keyPath: string, key: Buffer, version: number): Promise<string> {
  const next = `${keyPath}.next`;
  await writeFile(`${next}.version`, `${version}\n`, { mode: 0o600 });
  await writeFile(next, key.toString('base64') + '\n', { mode: 0o600 });
  return next;
}

/** Rotation, step 2 (after the commit): the staged key replaces the old one; the old key is gone. */
export async function promoteStagedKeyFile(keyPath: string): Promise<void> {
  await rename(`${keyPath}.next.version`, `${keyPath}.version`);
  await rename(`${keyPath}.next`, keyPath);
}
