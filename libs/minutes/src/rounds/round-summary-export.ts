import { bodySymbol, DOCUMENT_KIND_SYMBOL } from '#documents';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DomainError, type AuthUser } from '#core';
import { BodyEntity, DelegateEntity } from '#delegates';
import { RoundsService, RoundStatus, type RoundSummary, type RoundView } from '#opinions';
import { vietnamesePart } from '../exports/export-data.service.js';
import { MinutesErrorCode } from '../minutes.errors.js';
import { exportFilename, formatVnDateTime, OUTCOME_LABEL } from '../render/format.js';
import { EXPORT_SIGNERS, PdfWriter } from '../render/pdf-writer.js';

const CHOICE_LABEL: Record<string, string> = { agree: 'Đồng ý', disagree: 'Không đồng ý', other: 'Ý kiến khác' };

export interface RoundSummaryExportData {
  round: RoundView;
  summary: RoundSummary;
  bodyName: string;
  names: Map<string, string>;
}

/** The summary PDF of a closed written opinion round (phiếu lấy ý kiến). */
@Injectable()
export class RoundSummaryExporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
  ) {}

  async data(user: AuthUser, roundId: string): Promise<RoundSummaryExportData> {
    const round = await this.rounds.get(user, roundId);
    if (round.status !== RoundStatus.Closed || !round.summary) {
      throw new DomainError(MinutesErrorCode.ROUND_NOT_CLOSED, 'The round has a summary once it is closed', { status: round.status });
    }
    const ids = [...new Set(round.summary.questions.flatMap((q) => q.comments.map((c) => c.delegateId)))];
    const delegates = ids.length > 0 ? await this.dataSource.getRepository(DelegateEntity).find({ where: { id: In(ids) } }) : [];
    const body = await this.dataSource.getRepository(BodyEntity).findOne({ where: { id: round.bodyId } });
    if (!body) throw DomainError.notFound('Body', round.bodyId);
    return { round, summary: round.summary, bodyName: body.name, names: new Map(delegates.map((d) => [d.id, d.fullName])) };
  }

  async pdf(user: AuthUser, roundId: string): Promise<{ filename: string; content: Buffer }> {
    const d = await this.data(user, roundId);
    return { filename: exportFilename('tong-hop-lay-y-kien', d.round.title, 'pdf'), content: await roundSummaryPdf(d) };
  }
}

export async function roundSummaryPdf({ round, summary, bodyName, names }: RoundSummaryExportData): Promise<Buffer> {
  const pdf = (await PdfWriter.create(`Tổng hợp lấy ý kiến - ${round.title}`))
    .nationalHeader(bodyName, { number: { number: null, symbol: `${DOCUMENT_KIND_SYMBOL.report}-${bodySymbol(bodyName)}` } })
    .title('BÁO CÁO TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN', round.title)
    .fields([
      ['Hạn trả lời', formatVnDateTime(round.deadline)],
      ['Số thành viên được lấy ý kiến', String(summary.recipients)],
      ['Số thành viên có quyền biểu quyết', String(summary.votingRecipients)],
      ['Số thành viên đã trả lời', String(summary.respondents)],
    ]);
  for (const q of summary.questions) {
    pdf.heading(`Câu ${q.position}. ${q.text}`);
    pdf.fields([
      ['Đồng ý', String(q.agree)],
      ['Không đồng ý', String(q.disagree)],
      ['Ý kiến khác', String(q.other)],
      ['Chưa trả lời', String(q.notAnswered)],
    ]);
    pdf.paragraph(`Cách tính: ${vietnamesePart(q.arithmetic)}`);
    pdf.paragraph(`Kết quả: ${OUTCOME_LABEL[q.outcome] ?? q.outcome}`, { bold: true });
    if (q.comments.length > 0) {
      pdf.paragraph('Ý kiến cụ thể:');
      for (const c of q.comments) pdf.paragraph(`- ${names.get(c.delegateId) ?? c.delegateId} (${CHOICE_LABEL[c.choice] ?? c.choice}): ${c.comment}`, { indent: 10 });
    }
  }
  pdf.closing(EXPORT_SIGNERS);
  return pdf.finish();
}
