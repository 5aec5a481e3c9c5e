import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, DomainError, JsonLogger, type AppConfig } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { BallotOpener, BallotSealer, deriveKey, generatePollKeyPair, paddedLength, secretReceipt, unwrapKey, wrapKey, type PollKeyPair } from './ballot-crypto.js';

const KEY_BYTES = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`BALLOT_KEY must be ${KEY_BYTES} bytes (hex or base64)`);
  return key;
}

/**
 * The keys of secret ballots. BALLOT_KEY (or DATA_DIR/ballot.key, like FACE_KEY) is the master key: it makes the
 * receipt key and wraps each open poll's private key file. A poll's private key lives in BALLOT_KEY_DIR/<poll>.key
 * from open until the count, never in the database (so no WAL, backup or replica holds it), and is overwritten
 * and unlinked after the count commits. Sealers (the per-process ephemeral key of a poll) are kept in memory while
 * the poll is open and dropped at its count.
 */
@Injectable()
export class BallotKeysService implements OnApplicationBootstrap {
  private master?: Promise<Buffer>;
  private readonly sealers = new Map<string, Promise<BallotSealer | null>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
  ) {}

  /** A crash between the count's commit and the key file's removal leaves a file: remove those of counted polls. */
  async onApplicationBootstrap(): Promise<void> {
    let files: string[];
    try {
      files = (await readdir(this.config.ballots.keyDir)).filter((f) => f.endsWith('.key') && UUID.test(f.slice(0, -4)));
    } catch {
      return;
    }
    if (files.length === 0) return;
    const ids = files.map((f) => f.slice(0, -4));
    const open = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM polls WHERE id = ANY($1::uuid[]) AND status = 'open'`, [ids]);
    const keep = new Set(open.map((r) => r.id));
    for (const id of ids) if (!keep.has(id)) await this.destroyKeyFile(id);
  }

  private masterKey(): Promise<Buffer> {
    this.master ??= this.config.ballots.key ? Promise.resolve(parseMasterKey(this.config.ballots.key)) : this.loadOrCreateMasterFile(join(this.config.dataDir, 'ballot.key'));
    return this.master;
  }

  private async loadOrCreateMasterFile(path: string): Promise<Buffer> {
    try {
      return parseMasterKey(await readFile(path, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(this.config.dataDir, { recursive: true });
    const key = randomBytes(KEY_BYTES);
    try {
      await writeFile(path, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return parseMasterKey(await readFile(path, 'utf8'));
      throw err;
    }
  }

  private receiptKeyPromise?: Promise<Buffer>;

  /** The receipt of a secret ballot (HMAC under a key derived from the master key). */
  async receipt(pollId: string, ballotId: string): Promise<string> {
    this.receiptKeyPromise ??= this.masterKey().then((m) => deriveKey(m, 'secret ballot receipts'));
    return secretReceipt(await this.receiptKeyPromise, pollId, ballotId);
  }

  private keyPath(pollId: string): string {
    if (!UUID.test(pollId)) throw new Error('poll id must be a lower-case uuid');
    return join(this.config.ballots.keyDir, `${pollId}.key`);
  }

  /**
   * At open (in its transaction): a fresh key pair; the public key goes to poll_keys. Server custody: the private
   * key is written wrapped to its key file and synced to disk before the open commits, so no acknowledged ballot
   * can be sealed to a key that a crash would lose.
   */
  async createServerKey(em: EntityManager, pollId: string): Promise<void> {
    const pair = generatePollKeyPair();
    await this.writeKeyFile(pollId, pair);
    await em.query(`INSERT INTO poll_keys (poll_id, public_key, custody) VALUES ($1, $2, 'server')`, [pollId, pair.publicKey]);
    pair.privateKey.fill(0);
  }

  /** Committee custody: the caller splits and seals the private key; here only the public key is stored. */
  async storeCommitteeKey(em: EntityManager, pollId: string, publicKey: Buffer, threshold: number): Promise<void> {
    await em.query(`INSERT INTO poll_keys (poll_id, public_key, custody, threshold) VALUES ($1, $2, 'committee', $3)`, [pollId, publicKey, threshold]);
  }

  private async writeKeyFile(pollId: string, pair: PollKeyPair): Promise<void> {
    const wrapping = deriveKey(await this.masterKey(), 'poll key files');
    const blob = wrapKey(wrapping, pollId, pair.privateKey);
    await mkdir(this.config.ballots.keyDir, { recursive: true, mode: 0o700 });
    const path = this.keyPath(pollId);
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(blob);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, 0o600);
    await rename(tmp, path);
    const dir = await open(this.config.ballots.keyDir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Server custody, at the count: the opener from the key file. */
  async serverOpener(pollId: string): Promise<BallotOpener> {
    let blob: Buffer;
    try {
      blob = await readFile(this.keyPath(pollId));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new DomainError(VotingErrorCode.BALLOT_KEY_MISSING, 'The key of this secret poll is not on this server (BALLOT_KEY_DIR): count it on the server that opened it', { pollId });
    }
    const der = unwrapKey(deriveKey(await this.masterKey(), 'poll key files'), pollId, blob);
    try {
      return new BallotOpener(pollId, der);
    } finally {
      der.fill(0);
    }
  }

  /** After the count committed: overwrite the key file, sync, unlink. */
  async destroyKeyFile(pollId: string): Promise<void> {
    const path = this.keyPath(pollId);
    try {
      const fh = await open(path, 'r+');
      try {
        const { size } = await fh.stat();
        await fh.write(randomBytes(Math.max(size, 64)), 0, Math.max(size, 64), 0);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await unlink(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.logger.write('error', 'could not destroy a secret poll key file', { pollId, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  /** The sealer of an open poll in this process (null while the poll has no key, i.e. is not open yet). */
  sealer(pollId: string, maxChoices: number): Promise<BallotSealer | null> {
    let s = this.sealers.get(pollId);
    if (!s) {
      s = this.dataSource
        .query<{ public_key: Buffer }[]>(`SELECT public_key FROM poll_keys WHERE poll_id = $1 AND destroyed_at IS NULL`, [pollId])
        .then((rows) => (rows.length === 0 ? null : new BallotSealer(pollId, rows[0].public_key, paddedLength(maxChoices))));
      // a poll not open yet is asked again next time; a failed read too
      void s.then(
        (v) => v === null && this.sealers.delete(pollId),
        () => this.sealers.delete(pollId),
      );
      this.sealers.set(pollId, s);
      if (this.sealers.size > 1000) this.sealers.delete(this.sealers.keys().next().value!);
    }
    return s;
  }

  /** The poll was counted (or refused a cast as closed): forget this process's ephemeral key. */
  dropSealer(pollId: string): void {
    const s = this.sealers.get(pollId);
    if (!s) return;
    this.sealers.delete(pollId);
    void s.then((sealer) => sealer?.destroy(), () => undefined);
  }

  /** VACUUM the envelopes' table after a count, so the deleted envelopes' tuples (their xmin among them) are gone from the pages. */
  async vacuumEnvelopes(): Promise<void> {
    try {
      await this.dataSource.query('VACUUM secret_ballot_envelopes');
    } catch (err: unknown) {
      this.logger.write('warn', 'VACUUM of secret_ballot_envelopes failed; autovacuum will do it', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
