import { randomBytes, randomUUID } from 'node:crypto';
import { BallotOpener, BallotSealer, deriveKey, generatePollKeyPair, paddedLength, publicKeyOf, secretReceipt, shuffle, unwrapKey, wrapKey } from './ballot-crypto.js';

describe('secret ballot cryptography', () => {
  const pollId = randomUUID();
  const pair = generatePollKeyPair();
  const choices = [randomUUID(), randomUUID()];

  it('seals with the public key and opens with the private key only', () => {
    const sealer = new BallotSealer(pollId, pair.publicKey, paddedLength(2));
    const sealed = sealer.seal({ choices, receipt: 'ABCDEF0123456789' });
    expect(new BallotOpener(pollId, pair.privateKey).open(sealed)).toEqual({ choices, receipt: 'ABCDEF0123456789' });
    const other = generatePollKeyPair();
    expect(() => new BallotOpener(pollId, other.privateKey).open(sealed)).toThrow();
    // the poll id is bound: a ballot moved to another poll does not open
    expect(() => new BallotOpener(randomUUID(), pair.privateKey).open(sealed)).toThrow();
  });

  it('detects any changed byte', () => {
    const sealed = new BallotSealer(pollId, pair.publicKey, paddedLength(1)).seal({ choices: [choices[0]], receipt: 'R' });
    for (const at of [0, 5, 40, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] ^= 1;
      expect(() => new BallotOpener(pollId, pair.privateKey).open(bad)).toThrow();
    }
  });

  it('makes every ballot of a poll the same size, blank or full, and never the same bytes twice', () => {
    const sealer = new BallotSealer(pollId, pair.publicKey, paddedLength(3));
    const blank = sealer.seal({ choices: [], receipt: '0123456789ABCDEF' });
    const full = sealer.seal({ choices: [randomUUID(), randomUUID(), randomUUID()], receipt: '0123456789ABCDEF' });
    const again = sealer.seal({ choices: [], receipt: '0123456789ABCDEF' });
    expect(blank.length).toBe(full.length);
    expect(blank.equals(again)).toBe(false);
    expect(() => sealer.seal({ choices: [randomUUID(), randomUUID(), randomUUID(), randomUUID()], receipt: 'x' })).toThrow();
  });

  it('opens ballots sealed by several processes (each with its own ephemeral key)', () => {
    const a = new BallotSealer(pollId, pair.publicKey, paddedLength(1)).seal({ choices: [choices[0]], receipt: 'A' });
    const b = new BallotSealer(pollId, pair.publicKey, paddedLength(1)).seal({ choices: [choices[1]], receipt: 'B' });
    const opener = new BallotOpener(pollId, pair.privateKey);
    expect([opener.open(a).receipt, opener.open(b).receipt]).toEqual(['A', 'B']);
  });

  it('derives the public key from the private key', () => {
    expect(publicKeyOf(pair.privateKey).equals(pair.publicKey)).toBe(true);
  });

  it('wraps a key file bound to its poll', () => {
    const w = randomBytes(32);
    const blob = wrapKey(w, pollId, pair.privateKey);
    expect(unwrapKey(w, pollId, blob).equals(pair.privateKey)).toBe(true);
    expect(() => unwrapKey(w, randomUUID(), blob)).toThrow();
    expect(() => unwrapKey(randomBytes(32), pollId, blob)).toThrow();
  });

  it('makes receipts that need the key, are stable for a ballot id and differ between polls', () => {
    const master = randomBytes(32);
    const k = deriveKey(master, 'receipts');
    const ballot = randomUUID();
    expect(secretReceipt(k, pollId, ballot)).toMatch(/^[0-9A-F]{16}$/);
    expect(secretReceipt(k, pollId, ballot.toUpperCase())).toBe(secretReceipt(k, pollId, ballot));
    expect(secretReceipt(k, randomUUID(), ballot)).not.toBe(secretReceipt(k, pollId, ballot));
    expect(secretReceipt(deriveKey(randomBytes(32), 'receipts'), pollId, ballot)).not.toBe(secretReceipt(k, pollId, ballot));
  });

  it('shuffles uniformly enough (each of 3 items lands first about a third of the time)', () => {
    const firsts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) firsts[shuffle([0, 1, 2])[0]]++;
    for (const f of firsts) expect(f).toBeGreaterThan(850);
  });
});
