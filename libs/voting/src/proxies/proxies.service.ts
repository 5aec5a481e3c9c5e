import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#audit';
import { Clock, DomainError, type AuthUser } from '#core';
import { MeetingAccess } from '#meetings';
import { VotingNotifier } from '../live/voting.notifier.js';
import { VotingErrorCode } from '../voting.errors.js';
import { PROXY_SELECT, toProxyView, type MyProxies, type ProxyRow, type ProxyView } from './proxy.view.js';

/** Reading and revoking proxies (registering is RegisterProxyUseCase). */
@Injectable()
export class ProxiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MeetingAccess,
    private readonly audit: AuditService,
    private readonly notifier: VotingNotifier,
    private readonly clock: Clock,
  ) {}

  /** Every proxy of the meeting, active first, revoked ones kept for the record. */
  async list(user: AuthUser, meetingId: string): Promise<ProxyView[]> {
    await this.access.assertCanView(user, meetingId);
    const rows = await this.dataSource.query<ProxyRow[]>(`${PROXY_SELECT} WHERE mp.meeting_id = $1 ORDER BY (mp.revoked_at IS NULL) DESC, mp.created_at, mp.id`, [meetingId]);
    return rows.map(toProxyView);
  }

  async mine(user: AuthUser, meetingId: string): Promise<MyProxies> {
    await this.access.assertCanView(user, meetingId);
    return this.activeOf(meetingId, user.delegateId);
  }

  /** The active proxies a delegate holds and gave in a meeting (none for users without a delegate). */
  async activeOf(meetingId: string, delegateId: string | null): Promise<MyProxies> {
    if (!delegateId) return { meetingId, holds: null, gave: null };
    const rows = await this.dataSource.query<ProxyRow[]>(
      `${PROXY_SELECT} WHERE mp.meeting_id = $1 AND mp.revoked_at IS NULL AND (mp.acting_delegate_id = $2 OR mp.represented_delegate_id = $2)`,
      [meetingId, delegateId],
    );
    const holds = rows.find((r) => r.acting_delegate_id === delegateId);
    const gave = rows.find((r) => r.represented_delegate_id === delegateId);
    return { meetingId, holds: holds ? toProxyView(holds) : null, gave: gave ? toProxyView(gave) : null };
  }

  /**
   * Ends a proxy. Allowed while polls are open: their frozen counts stay as they were at open, ballots already cast
   * by the proxy stand, and later casts on behalf of the represented member are refused (NOT_PROXY_HOLDER).
   */
  async revoke(user: AuthUser, meetingId: string, proxyId: string): Promise<ProxyView> {
    await this.access.assertCanView(user, meetingId);
    const view = await this.dataSource.transaction(async (em) => {
      const updated = await em.query<{ id: string }[]>(
        // a CTE: TypeORM answers a bare UPDATE with [rows, count], not the rows
        `WITH u AS (UPDATE meeting_proxies SET revoked_at = $3, revoked_by = $4 WHERE id = $1 AND meeting_id = $2 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`,
        [proxyId, meetingId, this.clock.now(), user.id],
      );
      const [row] = await em.query<ProxyRow[]>(`${PROXY_SELECT} WHERE mp.id = $1 AND mp.meeting_id = $2`, [proxyId, meetingId]);
      if (!row) throw DomainError.notFound('Proxy', proxyId);
      if (updated.length === 0) throw new DomainError(VotingErrorCode.PROXY_REVOKED, 'This proxy is already revoked', { revokedAt: new Date(row.revoked_at ?? 0).toISOString() });
      const open = await em.query<{ id: string }[]>(`SELECT id FROM polls WHERE meeting_id = $1 AND status = 'open' ORDER BY id`, [meetingId]);
      await this.audit.append(
        {
          action: 'proxy.revoked',
          entityType: 'meeting',
          entityId: meetingId,
          actorId: user.id,
          actorRole: user.role,
          meetingId,
          payload: { proxyId, representedDelegateId: row.represented_delegate_id, actingDelegateId: row.acting_delegate_id, openPollIds: open.map((p) => p.id) },
        },
        em,
      );
      return toProxyView(row);
    });
    this.notifier.proxyChanged(view);
    return view;
  }
}
