import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { AuditHeadEntity } from './audit-head.entity.js';

export type AuditVerifyResult =
  | { ok: true; rows: number; firstBrokenSeq: null; headSeq: number; headHash: string }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: string };

const BATCH = 2000;

/**
 * Recomputes every hash and link, in seq order, inside one REPEATABLE READ snapshot (appends may go on meanwhile).
 * Detects: an edited row (its hash no longer matches its fields), a deleted row (a seq gap, or the head naming a
 * row that is gone), a row inserted or renumbered (prev_hash no longer matches), rows added behind the service's
 * back (beyond the head). `rows` counts the rows checked before the first break.
 * Limits: someone who can write the database and knows this algorithm can rewrite the whole chain and the head;
 * publish headHash outside the database (meeting minutes, a signed export) to anchor it.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditVerifyResult> {
  return dataSource.transaction('REPEATABLE READ', (em) => verifyWith(em));
}

async function verifyWith(em: EntityManager): Promise<AuditVerifyResult> {
  const repo = em.getRepository(AuditEntryEntity);
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let after = '0';
  const broken = (seq: bigint, reason: string): AuditVerifyResult => ({ ok: false, rows, firstBrokenSeq: Number(seq), reason });
  for (;;) {
    const batch = await repo.find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: BATCH });
    for (const row of batch) {
      const seq = BigInt(row.seq);
      if (seq !== expected) {
        return broken(expected, seq === expected + 1n ? `row ${expected} is missing (deleted?)` : `rows ${expected}..${seq - 1n} are missing (deleted?)`);
      }
      if (row.prevHash !== prevHash) {
        return broken(seq, seq === 1n ? 'row 1 does not start from the genesis hash' : `prev_hash of row ${seq} is not the hash of row ${seq - 1n} (row inserted, replaced or renumbered?)`);
      }
      if (auditHash(row) !== row.hash) return broken(seq, `hash of row ${seq} does not match its contents (edited?)`);
      prevHash = row.hash;
      expected = seq + 1n;
      rows++;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].seq;
  }
  const last = expected - 1n;
  const head = await em.getRepository(AuditHeadEntity).findOneBy({ id: 1 });
  const headSeq = head ? BigInt(head.seq) : 0n;
  if (headSeq > last) return broken(last + 1n, `the head names row ${headSeq} but the log ends at row ${last} (newest rows deleted?)`);
  if (headSeq < last) return broken(headSeq + 1n, `row ${headSeq + 1n} is past the head (row ${headSeq}): added without the audit service?`);
  if (last > 0n && head?.hash !== prevHash) return broken(last, `the head hash differs from the hash of row ${last}`);
  return { ok: true, rows, firstBrokenSeq: null, headSeq: Number(last), headHash: prevHash };
}
