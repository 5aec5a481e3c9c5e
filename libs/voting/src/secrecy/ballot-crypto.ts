import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The cryptography of secret ballots, all from node:crypto: X25519 for the poll's key pair, HKDF-SHA256 and
 * AES-256-GCM for each sealed ballot, HMAC-SHA256 for receipts. Nothing here is home-made except the layout.
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const X25519_RAW = 32;
// X25519 SubjectPublicKeyInfo is a fixed 12-byte DER prefix followed by the raw 32-byte key
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface PollKeyPair {
  /** Raw X25519 public key (32 bytes): stored in the database, used by every instance to seal ballots. */
  publicKey: Buffer;
  /** PKCS#8 DER of the private key: never stored in the database (a key file, or Shamir shares). */
  privateKey: Buffer;
}

export function generatePollKeyPair(): PollKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublic(publicKey), privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

function rawPublic(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function publicFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== X25519_RAW) throw new Error('An X25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The public key that belongs to a private key (checks a reconstructed key against the stored public one). */
export function publicKeyOf(privateKeyDer: Buffer): Buffer {
  return rawPublic(createPublicKey(createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' })));
}

function ballotKey(shared: Buffer, ephemeral: Buffer, pollPublic: Buffer, pollId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, pollPublic]), `dienhong secret ballot v1 ${pollId}`, 32));
}

/**
 * Length of a sealed ballot's plaintext, the same for every ballot of a poll: {"c":[uuid, ...],"r":receipt} padded
 * with spaces, so the size of a sealed row never tells how many options its voter marked.
 */
export function paddedLength(maxChoices: number): number {
  return 32 + maxChoices * 39;
}

export interface BallotContent {
  choices: string[];
  receipt: string;
}

/**
 * Seals ballots of one poll in this process. The ephemeral X25519 key (and the AES key derived from it) is made
 * once per poll per process, so a cast costs one AES-GCM, not a key agreement; it lives only in memory and is
 * dropped when the poll closes (BallotKeysService). Layout: version(1) | ephemeral public(32) | iv(12) | tag(16) | ct;
 * the version, the poll id and the ephemeral key are authenticated.
 */
export class BallotSealer {
  private readonly key: Buffer;
  private readonly ephemeral: Buffer;
  private readonly aadPrefix: Buffer;

  constructor(
    readonly pollId: string,
    pollPublic: Buffer,
    private readonly plaintextLength: number,
  ) {
    const eph = generateKeyPairSync('x25519');
    this.ephemeral = rawPublic(eph.publicKey);
    const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicFromRaw(pollPublic) });
    this.key = ballotKey(shared, this.ephemeral, pollPublic, pollId);
    this.aadPrefix = Buffer.concat([Buffer.from([VERSION]), this.ephemeral]);
  }

  seal(content: BallotContent): Buffer {
    const text = JSON.stringify({ c: content.choices, r: content.receipt });
    if (Buffer.byteLength(text) > this.plaintextLength) throw new Error('ballot larger than the poll allows');
    const plain = Buffer.alloc(this.plaintextLength, 0x20);
    plain.write(text);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.concat([this.aadPrefix, Buffer.from(this.pollId)]));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([this.aadPrefix, iv, cipher.getAuthTag(), body]);
  }

  /** Forget the key material (best effort: Buffers can be zeroed, KeyObjects are left to the garbage collector). */
  destroy(): void {
    this.key.fill(0);
  }
}

/** Opens the sealed ballots of one poll with its private key (at the count). */
export class BallotOpener {
  private readonly privateKey: KeyObject;
  private readonly pollPublic: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly pollId: string,
    privateKeyDer: Buffer,
  ) {
    this.privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
    this.pollPublic = rawPublic(createPublicKey(this.privateKey));
  }

  open(sealed: Buffer): BallotContent {
    const head = 1 + X25519_RAW;
    if (sealed.length < head + IV_BYTES + TAG_BYTES + 1 || sealed[0] !== VERSION) throw new Error('sealed ballot: unknown format');
    const ephemeral = sealed.subarray(1, head);
    const id = ephemeral.toString('hex');
    let key = this.keys.get(id);
    if (!key) {
      key = ballotKey(diffieHellman({ privateKey: this.privateKey, publicKey: publicFromRaw(Buffer.from(ephemeral)) }), Buffer.from(ephemeral), this.pollPublic, this.pollId);
      this.keys.set(id, key);
    }
    const iv = sealed.subarray(head, head + IV_BYTES);
    const tag = sealed.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.concat([sealed.subarray(0, head), Buffer.from(this.pollId)]));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(sealed.subarray(head + IV_BYTES + TAG_BYTES)), decipher.final()]);
    const parsed = JSON.parse(plain.toString('utf8')) as { c?: unknown; r?: unknown };
    if (!Array.isArray(parsed.c) || !parsed.c.every((c) => typeof c === 'string') || typeof parsed.r !== 'string') throw new Error('sealed ballot: bad content');
    return { choices: parsed.c as string[], receipt: parsed.r };
  }

  destroy(): void {
    for (const k of this.keys.values()) k.fill(0);
    this.keys.clear();
  }
}

/** Derives a purpose-bound 32-byte key from the ballot master key (BALLOT_KEY). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `dienhong ${purpose} v1`, 32));
}

/**
 * A secret ballot's receipt: 16 hex digits (64 bits) of HMAC(receipt key, poll id, ballot id). The server answers the
 * same receipt when the same ballot id is retried; nobody without the key (the voter included) can compute it in
 * advance, and it carries nothing but "this ballot is among those counted".
 */
export function secretReceipt(receiptKey: Buffer, pollId: string, ballotId: string): string {
  return createHmac('sha256', receiptKey).update(`receipt:${pollId.toLowerCase()}:${ballotId.toLowerCase()}`).digest('hex').slice(0, 16).toUpperCase();
}

/** AES-256-GCM of a poll's private key under the key-file wrapping key; the poll id is authenticated. */
export function wrapKey(wrapping: Buffer, pollId: string, privateKeyDer: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrapping, iv);
  cipher.setAAD(Buffer.from(`poll-key:${pollId}`));
  const body = Buffer.concat([cipher.update(privateKeyDer), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function unwrapKey(wrapping: Buffer, pollId: string, blob: Buffer): Buffer {
  if (blob.length < 1 + IV_BYTES + TAG_BYTES + 1 || blob[0] !== VERSION) throw new Error('poll key file: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', wrapping, blob.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(Buffer.from(`poll-key:${pollId}`));
  decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Fisher-Yates with a cryptographic source: the order of the plaintext ballots written at the count. */
export function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function randomIndex(bound: number): number {
  // rejection sampling over 32 bits so every index is equally likely
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (;;) {
    const v = randomBytes(4).readUInt32BE(0);
    if (v < limit) return v % bound;
  }
}
