import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Clock } from '#core';
import { verifyAuditChain, type AuditVerifyResult } from './audit-chain.js';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { auditHash, canonicalJson, GENESIS_HASH, toPlainJson, type JsonValue } from './audit-hash.js';

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

  private async write(em: EntityManager, records: { record: PreparedRecord; payloadJson: string }[]): Promise<AuditEntryEntity[]> {
    const [head] = await em.query<{ seq: string; hash: string }[]>(
      `INSERT INTO audit_head (id, seq, hash, updated_at) VALUES (1, 0, $1, now())
       ON CONFLICT (id) DO UPDATE SET seq = audit_head.seq
       RETURNING seq, hash`,
      [GENESIS_HASH],
    );
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const at = this.clock.now();
    const atIso = at.toISOString();
    const rows = records.map(({ record, payloadJson }) => {
      seq += 1n;
      const row: AuditEntryEntity = { ...record, seq: seq.toString(), at, prevHash, hash: '' };
      row.hash = auditHash(row, payloadJson);
      prevHash = row.hash;
      return row;
    });
    // one statement for the rows and the new head, columns as arrays: a batch of a thousand ballots costs one round
    // trip and no query building (the query builder spent more CPU than PostgreSQL on such a batch)
    await em.query(
      `WITH added AS (
         INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_type, entity_id, meeting_id, payload, prev_hash, hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::uuid[], $9::jsonb[], $10::char(64)[], $11::char(64)[]))
       UPDATE audit_head SET seq = $12, hash = $13, updated_at = now() WHERE id = 1`,
      [
        rows.map((r) => r.seq),
        rows.map(() => atIso),
        rows.map((r) => r.actorId),
        rows.map((r) => r.actorRole),
        rows.map((r) => r.action),
        rows.map((r) => r.entityType),
        rows.map((r) => r.entityId),
        rows.map((r) => r.meetingId),
        records.map((r) => r.payloadJson),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
        seq.toString(),
        prevHash,
      ],
    );
    return rows;
  }
}

type PreparedRecord = Omit<AuditEntryEntity, 'seq' | 'at' | 'prevHash' | 'hash'>;

/** A checked record and its payload in canonical JSON (hashed and stored as it is: computed once). */
function prepare(r: AuditRecord): { record: PreparedRecord; payloadJson: string } {
  if (!ACTION.test(r.action) || r.action.length > 100) throw new TypeError(`audit: action "${r.action}" must look like "poll.opened"`);
  if (!r.entityType || r.entityType.length > 50) throw new TypeError('audit: entityType must be 1 to 50 characters');
  if (!r.entityId || r.entityId.length > 100) throw new TypeError('audit: entityId must be 1 to 100 characters');
  for (const [name, v] of [['actorId', r.actorId], ['meetingId', r.meetingId]] as const) {
    if (v != null && !UUID.test(v)) throw new TypeError(`audit: ${name} must be a uuid`);
  }
  if (r.actorRole != null && r.actorRole.length > 20) throw new TypeError('audit: actorRole is longer than 20 characters');
  const { payload, payloadJson } = plainPayload(r.payload ?? {});
  if (payloadJson.length > MAX_PAYLOAD_CHARS) throw new TypeError(`audit: payload is larger than ${MAX_PAYLOAD_CHARS} characters`);
  const record: PreparedRecord = {
    // PostgreSQL returns uuids in lower case; hash what will be read back
    actorId: r.actorId?.toLowerCase() ?? null,
    actorRole: r.actorRole ?? null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    meetingId: r.meetingId?.toLowerCase() ?? null,
    payload,
  };
  return { record, payloadJson };
}

/**
 * The payload as plain JSON values and its canonical JSON. A payload of plain values already (every ballot of a
 * burst) skips the JSON round trip; Dates or class instances go through it. Throws on values jsonb could not
 * return unchanged, before anything is written.
 */
function plainPayload(given: Record<string, unknown>): { payload: Record<string, JsonValue>; payloadJson: string } {
  try {
    return { payload: given as Record<string, JsonValue>, payloadJson: canonicalJson(given) };
  } catch {
    const payload = toPlainJson(given);
    return { payload, payloadJson: canonicalJson(payload) };
  }
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
