import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager, type FindOptionsWhere, type QueryDeepPartialEntity } from 'typeorm';
import { Clock } from '#core';
import { verifyAuditChain, type AuditVerifyResult } from './audit-chain.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { auditHash, canonicalJson, GENESIS_HASH, toPlainJson } from './audit-hash.js';

/** What a caller records. */
export interface AuditRecord {
  /** `<entity>.<event>` in snake_case: meeting.status_changed, poll.opened, ballot.accepted, consent.withdrawn. */
  action: string;
  entityType: string;
  entityId: string;
  /**
   * Who did it. Leave null for system actions and ALWAYS for secret ballots: a secret ballot enters the chain
   * with its ballot id / receipt only, never the voter's user or delegate id, in actor or payload.
   */
  actorId?: string | null;
  actorRole?: string | null;
  meetingId?: string | null;
  /** JSON only (Dates become ISO strings); stored as jsonb and covered by the hash. Keep it small. */
  payload?: Record<string, unknown>;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  meetingId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  items: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null at the start of the log. */
  nextBefore: number | null;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Keeps one audit row from bloating the log; large documents are referenced by id, not copied. */
const MAX_PAYLOAD_CHARS = 16_000;

/**
 * The append-only, hash-chained audit log.
 *
 * Appends are serialised by locking the single `audit_head` row (INSERT ... ON CONFLICT DO UPDATE takes the row
 * lock and creates the row on first use), so two transactions can never chain onto the same predecessor. The lock
 * is held until the caller's transaction ends: append LAST in a transaction, after the audited change, so the
 * lock is short and no lock-order deadlock is possible. Use the default READ COMMITTED isolation.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one entry. Pass the EntityManager of your transaction so the audited change and its audit row commit
   * (or roll back) together; without one, the entry is written in its own transaction.
   */
  async append(record: AuditRecord, em?: EntityManager): Promise<AuditEntryEntity> {
    const [entry] = await this.appendMany([record], em);
    return entry;
  }

  /**
   * Appends several entries under one lock and one INSERT (in the order given). This is the cheap path for bulk
   * events, and the right one for secret ballots: chaining them in a batch at poll close, sorted by receipt,
   * keeps their order and time from lining up with the participation records.
   */
  async appendMany(records: AuditRecord[], em?: EntityManager): Promise<AuditEntryEntity[]> {
    if (records.length === 0) return [];
    const prepared = records.map(prepare);
    if (!em) return this.dataSource.transaction((tx) => this.write(tx, prepared));
    if (em.queryRunner?.isTransactionActive) return this.write(em, prepared);
    return em.transaction((tx) => this.write(tx, prepared));
  }

  async list(query: { meetingId?: string; limit?: number; before?: number }): Promise<AuditPage> {
    const limit = Math.min(Math.max(query.limit ?? 100, 1), 500);
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (query.meetingId) where.meetingId = query.meetingId.toLowerCase();
    if (query.before !== undefined) where.seq = LessThan(String(query.before));
    const rows = await this.dataSource.getRepository(AuditEntryEntity).find({ where, order: { seq: 'DESC' }, take: limit });
    const items = rows.map(toView);
    return { items, nextBefore: rows.length === limit ? items[items.length - 1].seq : null };
  }

  verify(): Promise<AuditVerifyResult> {
    return verifyAuditChain(this.dataSource);
  }

  private async write(em: EntityManager, records: Omit<AuditEntryEntity, 'seq' | 'at' | 'prevHash' | 'hash'>[]): Promise<AuditEntryEntity[]> {
    const [head] = await em.query<{ seq: string; hash: string }[]>(
      `INSERT INTO audit_head (id, seq, hash, updated_at) VALUES (1, 0, $1, now())
       ON CONFLICT (id) DO UPDATE SET seq = audit_head.seq
       RETURNING seq, hash`,
      [GENESIS_HASH],
    );
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const at = this.clock.now();
    const rows = records.map((r) => {
      seq += 1n;
      const row: AuditEntryEntity = { ...r, seq: seq.toString(), at, prevHash, hash: '' };
      row.hash = auditHash(row);
      prevHash = row.hash;
      return row;
    });
    await em.createQueryBuilder().insert().into(AuditEntryEntity).values(rows as QueryDeepPartialEntity<AuditEntryEntity>[]).updateEntity(false).execute();
    await em.query(`UPDATE audit_head SET seq = $1, hash = $2, updated_at = now() WHERE id = 1`, [seq.toString(), prevHash]);
    return rows;
  }
}

function prepare(r: AuditRecord): Omit<AuditEntryEntity, 'seq' | 'at' | 'prevHash' | 'hash'> {
  if (!ACTION.test(r.action) || r.action.length > 100) throw new TypeError(`audit: action "${r.action}" must look like "poll.opened"`);
  if (!r.entityType || r.entityType.length > 50) throw new TypeError('audit: entityType must be 1 to 50 characters');
  if (!r.entityId || r.entityId.length > 100) throw new TypeError('audit: entityId must be 1 to 100 characters');
  for (const [name, v] of [['actorId', r.actorId], ['meetingId', r.meetingId]] as const) {
    if (v != null && !UUID.test(v)) throw new TypeError(`audit: ${name} must be a uuid`);
  }
  if (r.actorRole != null && r.actorRole.length > 20) throw new TypeError('audit: actorRole is longer than 20 characters');
  const payload = toPlainJson(r.payload ?? {});
  // throws on values jsonb could not return unchanged, before anything is written
  if (canonicalJson(payload).length > MAX_PAYLOAD_CHARS) throw new TypeError(`audit: payload is larger than ${MAX_PAYLOAD_CHARS} characters`);
  return {
    // PostgreSQL returns uuids in lower case; hash what will be read back
    actorId: r.actorId?.toLowerCase() ?? null,
    actorRole: r.actorRole ?? null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    meetingId: r.meetingId?.toLowerCase() ?? null,
    payload,
  };
}

function toView(e: AuditEntryEntity): AuditEntryView {
  return {
    seq: Number(e.seq),
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    meetingId: e.meetingId,
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
