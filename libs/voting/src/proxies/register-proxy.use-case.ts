import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditService } from '#audit';
import { DomainError, type AuthUser } from '#core';
import { MeetingAccess, MeetingStatus } from '#meetings';
import { VotingNotifier } from '../live/voting.notifier.js';
import { VotingErrorCode } from '../voting.errors.js';
import type { RegisterProxyDto } from './proxies.dto.js';
import { PROXY_LOCK_CLASS } from './proxy-lock.js';
import { proxyRegistrationError, type ProxyParty } from './proxy-rules.js';
import { PROXY_SELECT, toProxyView, type ProxyRow, type ProxyView } from './proxy.view.js';

interface FactRow {
  status: MeetingStatus;
  allow_proxy_voting: boolean;
  delegate_id: string;
  voting_member: boolean;
  invited_voter: boolean;
  represented: boolean;
  acting: boolean;
}

/**
 * A secretary registers that one member votes for another in a meeting. Under the meeting's proxy lock, so the
 * no-chain rule (checked here, not expressible as an index) holds when two registrations race.
 */
@Injectable()
export class RegisterProxyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
    private readonly notifier: VotingNotifier,
  ) {}

  async execute(user: AuthUser, meetingId: string, dto: RegisterProxyDto): Promise<ProxyView> {
    await this.access.assertCanView(user, meetingId);
    const represented = dto.representedDelegateId.toLowerCase();
    const acting = dto.actingDelegateId.toLowerCase();
    let view: ProxyView;
    try {
      view = await this.dataSource.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock(${PROXY_LOCK_CLASS}, hashtext($1::text))`, [meetingId]);
        const rows = await em.query<FactRow[]>(
          `SELECT m.status, b.allow_proxy_voting, d.id AS delegate_id,
                  EXISTS (SELECT 1 FROM body_members bm JOIN delegates dd ON dd.id = bm.delegate_id AND dd.active AND dd.has_voting_right
                           WHERE bm.body_id = m.body_id AND bm.delegate_id = d.id) AS voting_member,
                  EXISTS (SELECT 1 FROM meeting_invitations i WHERE i.meeting_id = m.id AND i.delegate_id = d.id AND i.can_vote) AS invited_voter,
                  EXISTS (SELECT 1 FROM meeting_proxies mp WHERE mp.meeting_id = m.id AND mp.represented_delegate_id = d.id AND mp.revoked_at IS NULL) AS represented,
                  EXISTS (SELECT 1 FROM meeting_proxies mp WHERE mp.meeting_id = m.id AND mp.acting_delegate_id = d.id AND mp.revoked_at IS NULL) AS acting
             FROM meetings m JOIN bodies b ON b.id = m.body_id, unnest($2::uuid[]) AS d(id)
            WHERE m.id = $1`,
          [meetingId, [represented, acting]],
        );
        const party = (id: string): ProxyParty => {
          const r = rows.find((x) => x.delegate_id === id);
          return { delegateId: id, votingMember: !!r?.voting_member, invitedVoter: !!r?.invited_voter, represented: !!r?.represented, acting: !!r?.acting };
        };
        const refusal = proxyRegistrationError({
          allowProxyVoting: rows[0]?.allow_proxy_voting ?? false,
          meetingClosed: rows[0]?.status === MeetingStatus.Closed,
          represented: party(represented),
          acting: party(acting),
        });
        if (refusal) throw refusal;
        const [{ id }] = await em.query<{ id: string }[]>(
          `INSERT INTO meeting_proxies (meeting_id, represented_delegate_id, acting_delegate_id, registered_by, note, document_ref)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [meetingId, represented, acting, user.id, dto.note?.trim() || null, dto.documentRef?.trim() || null],
        );
        const [row] = await em.query<ProxyRow[]>(`${PROXY_SELECT} WHERE mp.id = $1`, [id]);
        await this.audit.append(
          {
            action: 'proxy.registered',
            entityType: 'meeting',
            entityId: meetingId,
            actorId: user.id,
            actorRole: user.role,
            meetingId,
            payload: { proxyId: id, representedDelegateId: represented, actingDelegateId: acting, documentRef: row.document_ref },
          },
          em,
        );
        return toProxyView(row);
      });
    } catch (err: unknown) {
      throw takenOrRethrow(err);
    }
    this.notifier.proxyChanged(view);
    return view;
  }
}

/** A race past the lock (another instance without it) still ends on the partial unique indexes: say so clearly. */
function takenOrRethrow(err: unknown): unknown {
  if (!(err instanceof QueryFailedError)) return err;
  const driver = (err as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  if (driver?.code === '23505' && driver.constraint?.startsWith('uq_meeting_proxies_')) {
    return new DomainError(VotingErrorCode.PROXY_TAKEN, 'One of these delegates already has an active proxy in this meeting', { constraint: driver.constraint });
  }
  return err;
}
