import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '#audit';
import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { shuffle, type BallotOpener } from './ballot-crypto.js';

/** Receipts per audit entry: 400 × 16 hex characters and JSON quoting stay well under the 16,000-character payload limit. */
const RECEIPTS_PER_ENTRY = 400;

export interface SecretCount {
  ballots: { choices: string[] }[];
  receipts: string[];
  audit: AuditRecord[];
}

/**
 * The count of a secret poll, inside the closing transaction (the poll's cast lock held exclusively): open every
 * envelope, check there is one per participation row (an acknowledged ballot is never dropped), write the choices
 * in ONE statement in a random order and the receipts in ONE statement sorted (so every row carries the count's
 * transaction id, and neither order says anything), delete the envelopes and mark the key destroyed. The caller
 * destroys the key file and vacuums after the commit.
 */
export async function countSecretBallots(em: EntityManager, pollId: string, meetingId: string, opener: BallotOpener): Promise<SecretCount> {
  const envelopes = await em.query<{ sealed: Buffer }[]>(`SELECT sealed FROM secret_ballot_envelopes WHERE poll_id = $1`, [pollId]);
  const [{ n }] = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM poll_participation WHERE poll_id = $1`, [pollId]);
  const opened = envelopes.map((e) => opener.open(e.sealed));
  opener.destroy();
  if (opened.length !== n) {
    throw new DomainError(VotingErrorCode.VOTE_COUNTS_INVALID, `Sealed ballots (${opened.length}) and voters (${n}) differ: the count is refused`, { sealed: opened.length, voters: n });
  }
  const receipts = opened.map((o) => o.receipt).sort();
  if (new Set(receipts).size !== receipts.length) throw new DomainError(VotingErrorCode.VOTE_COUNTS_INVALID, 'Two sealed ballots carry the same receipt: the count is refused');
  const ballots = shuffle(opened.map((o) => ({ choices: [...o.choices].sort() })));
  await em.query(`INSERT INTO secret_ballots (poll_id, choices) SELECT $1, c::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS t(c, n) ORDER BY n`, [
    pollId,
    ballots.map((b) => JSON.stringify(b.choices)),
  ]);
  await em.query(`INSERT INTO secret_receipts (poll_id, receipt) SELECT $1, r FROM unnest($2::text[]) AS t(r) ORDER BY r`, [pollId, receipts]);
  await em.query(`DELETE FROM secret_ballot_envelopes WHERE poll_id = $1`, [pollId]);
  await em.query(`UPDATE poll_keys SET destroyed_at = now() WHERE poll_id = $1`, [pollId]);
  await em.query(`DELETE FROM poll_key_shares WHERE poll_id = $1`, [pollId]);
  // the audit chain gets the ballots as a sorted multiset (anyone can recount) and the receipts as one sorted list
  const sortedChoices = ballots.map((b) => JSON.stringify(b.choices)).sort();
  const audit: AuditRecord[] = sortedChoices.map((c) => ({
    action: 'ballot.counted',
    entityType: 'poll',
    entityId: pollId,
    actorId: null,
    actorRole: null,
    meetingId,
    payload: { choices: JSON.parse(c) as string[] },
  }));
  audit.push(...receiptEntries(pollId, meetingId, receipts));
  return { ballots, receipts, audit };
}

/** The sorted receipts for the audit chain, in parts: one audit payload holds at most 16,000 characters. */
export function receiptEntries(pollId: string, meetingId: string, receipts: string[]): AuditRecord[] {
  const parts = Math.max(1, Math.ceil(receipts.length / RECEIPTS_PER_ENTRY));
  return Array.from({ length: parts }, (_, part) => ({
    action: 'poll.receipts',
    entityType: 'poll',
    entityId: pollId,
    actorId: null,
    actorRole: null,
    meetingId,
    payload: { receipts: receipts.slice(part * RECEIPTS_PER_ENTRY, (part + 1) * RECEIPTS_PER_ENTRY), part: part + 1, parts },
  }));
}
