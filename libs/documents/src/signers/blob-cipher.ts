import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const IV = 12;
const TAG = 16;

function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new Error('SIGN_KEY must be 32 bytes (hex or base64)');
  return key;
}

/** AES-256-GCM for PKCS#12 files at rest, the layout face descriptors use: version(1) | iv(12) | tag(16) | ciphertext. */
export class BlobCipher {
  private readonly key: Buffer;

  constructor(
    key: string | Buffer,
    readonly version: number,
  ) {
    this.key = typeof key === 'string' ? parseKey(key) : key;
  }

  encrypt(plain: Buffer): Buffer {
    const iv = randomBytes(IV);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const header = Buffer.from([this.version]);
    c.setAAD(header);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([header, iv, c.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): Buffer {
    if (blob.length < 1 + IV + TAG || blob[0] !== this.version) throw new Error('encrypted key file has an unknown key version');
    const d = createDecipheriv('aes-256-gcm', this.key, blob.subarray(1, 1 + IV));
    d.setAAD(blob.subarray(0, 1));
    d.setAuthTag(blob.subarray(1 + IV, 1 + IV + TAG));
    return Buffer.concat([d.update(blob.subarray(1 + IV + TAG)), d.final()]);
  }
}

/** DATA_DIR/sign.key, created once with mode 0600 when SIGN_KEY is not set (the embedded set-up). */
export async function loadOrCreateSignKey(path: string): Promise<Buffer> {
  try {
    return parseKey(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const key = randomBytes(32);
  try {
    await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseKey(await readFile(path, 'utf8'));
    throw err;
  }
}
