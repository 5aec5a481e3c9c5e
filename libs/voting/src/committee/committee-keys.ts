import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '#core';
import { VotingErrorCode } from '../voting.errors.js';
import { generatePollKeyPair } from '../secrecy/ballot-crypto.js';
import { BallotKeysService } from '../secrecy/ballot-keys.service.js';
import { splitSecret } from '../secrecy/shamir.js';
import { sealShare } from '../secrecy/share-seal.js';

/**
 * Committee custody, at open: the poll's private key is split k of n (Shamir over GF(256)) among the counting
 * committee and each share sealed to its member's counting key; the private key itself is then wiped. From here
 * on neither the database nor the server's secrets open a ballot: k members must give their shares.
 */
@Injectable()
export class CommitteeKeys {
  constructor(private readonly keys: BallotKeysService) {}

  async createIfCommitteeCustody(em: EntityManager, pollId: string): Promise<boolean> {
    const [committee] = await em.query<{ custody: string; threshold: number | null }[]>(`SELECT custody, threshold FROM counting_committees WHERE poll_id = $1`, [pollId]);
    if (committee?.custody !== 'committee') return false;
    const members = await em.query<{ delegate_id: string; public_key: Buffer | null; full_name: string }[]>(
      `SELECT m.delegate_id, k.public_key, d.full_name FROM counting_committee_members m JOIN delegates d ON d.id = m.delegate_id
         LEFT JOIN counting_member_keys k ON k.delegate_id = m.delegate_id WHERE m.poll_id = $1 ORDER BY m.position`,
      [pollId],
    );
    const missing = members.filter((m) => m.public_key === null);
    if (missing.length > 0) {
      throw new DomainError(VotingErrorCode.COMMITTEE_KEY, 'Every committee member must create a counting key before a committee-held poll opens', {
        missing: missing.map((m) => m.full_name),
      });
    }
    const threshold = committee.threshold ?? members.length;
    if (threshold > members.length || threshold < 1) throw new DomainError(VotingErrorCode.COMMITTEE_INVALID, 'The threshold exceeds the committee size');
    const pair = generatePollKeyPair();
    const shares = splitSecret(pair.privateKey, members.length, threshold);
    pair.privateKey.fill(0);
    for (const [i, m] of members.entries()) {
      await em.query(`INSERT INTO poll_key_shares (poll_id, delegate_id, sealed) VALUES ($1, $2, $3)`, [pollId, m.delegate_id, sealShare(m.public_key!, pollId, shares[i])]);
      shares[i].fill(0);
    }
    await this.keys.storeCommitteeKey(em, pollId, pair.publicKey, threshold);
    return true;
  }
}
