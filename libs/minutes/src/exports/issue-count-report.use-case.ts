import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DomainError, UserEntity, type AuthUser } from '#core';
import { DocumentsService, type OfficialDocumentView } from '#documents';
import { CommitteeService, PollEntity, VotingErrorCode } from '#voting';
import { MinutesErrorCode } from '../minutes.errors.js';
import { countReportOfficialPdf, countReportSlots, countReportSymbol } from './count-report-export.js';
import { ExportDataService } from './export-data.service.js';

export const COUNT_REPORT_DOCUMENT_KIND = 'count_report';

/**
 * Registers a secret poll's count report (biên bản kiểm phiếu) as an official document once every committee member
 * has confirmed it: a number of the body for the year, and one signature block per member, each signed by that
 * member's own account.
 */
@Injectable()
export class IssueCountReportUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly committee: CommitteeService,
    private readonly documents: DocumentsService,
    private readonly data: ExportDataService,
  ) {}

  async execute(user: AuthUser, pollId: string): Promise<OfficialDocumentView> {
    const report = await this.committee.report(user, pollId);
    if (report.confirmations.length === 0) throw new DomainError(VotingErrorCode.COMMITTEE_INVALID, 'A count without a counting committee has no one to sign its report');
    if (!report.finalisedAt) throw new DomainError(VotingErrorCode.COMMITTEE_INVALID, 'Every committee member confirms the count before the report is signed', { unconfirmed: report.confirmations.filter((m) => !m.confirmedAt).map((m) => m.fullName) });
    const poll = await this.dataSource.getRepository(PollEntity).findOneOrFail({ where: { id: pollId } });
    const { meeting, bodyName } = await this.data.header(poll.meetingId);
    const users = await this.dataSource.getRepository(UserEntity).find({ where: { delegateId: In(report.confirmations.map((m) => m.delegateId)), active: true } });
    const byDelegate = new Map(users.map((u) => [u.delegateId, u.id]));
    const missing = report.confirmations.filter((m) => !byDelegate.has(m.delegateId)).map((m) => m.fullName);
    if (missing.length > 0) throw new DomainError(MinutesErrorCode.MINUTES_SIGNER_UNKNOWN, 'Every committee member needs an active account to sign', { members: missing });
    const slots = countReportSlots(report);
    return this.documents.issue(user, {
      bodyId: meeting.bodyId,
      meetingId: meeting.id,
      kind: COUNT_REPORT_DOCUMENT_KIND,
      sourceId: pollId,
      title: `Biên bản kiểm phiếu: ${poll.title}`.slice(0, 500),
      symbol: countReportSymbol(bodyName),
      signers: slots.map((s, i) => ({ ...s, userId: byDelegate.get(report.confirmations[i].delegateId) ?? '' })),
      render: (number, date) => countReportOfficialPdf(bodyName, meeting.title, report, { number, date }),
    });
  }
}
