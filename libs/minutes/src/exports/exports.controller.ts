import { Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiFile, ApiView, type AuthUser, CurrentUser, Role, Roles, UuidParam } from '#core';
import { contentDisposition, MeetingAccess } from '#meetings';
import { CommitteeService, PollEntity } from '#voting';
import { DataSource } from 'typeorm';
import { countReportPdf } from './count-report-export.js';
import { DocumentsService, type OfficialDocumentView } from '#documents';
import { COUNT_REPORT_DOCUMENT_KIND, IssueCountReportUseCase } from './issue-count-report.use-case.js';
import { MINUTES_DOCUMENT_KIND } from '../minutes/issue-minutes.use-case.js';
import { minutesDocx, minutesPdf } from '../minutes/minutes-render.js';
import { MinutesService } from '../minutes/minutes.service.js';
import { exportFilename } from '../render/format.js';
import { RoundSummaryExporter } from '../rounds/round-summary-export.js';
import { attendancePdf, attendanceXlsx } from './attendance-export.js';
import { ExportDataService } from './export-data.service.js';
import { resultsPdf, resultsXlsx } from './results-export.js';

const { Admin, Secretary, Chair } = Role;
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const file = (content: Buffer, type: string, filename: string): StreamableFile =>
  new StreamableFile(content, { type, disposition: contentDisposition(filename), length: content.length });

@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(
    private readonly data: ExportDataService,
    private readonly minutes: MinutesService,
    private readonly rounds: RoundSummaryExporter,
    private readonly committee: CommitteeService,
    private readonly dataSource: DataSource,
    private readonly issueCountReport: IssueCountReportUseCase,
    private readonly documents: DocumentsService,
    private readonly access: MeetingAccess,
  ) {}

  /** Registers the confirmed count report (number of the body for the year) for the committee members' signatures. */
  @Post('polls/:id/count-report/document')
  @HttpCode(200)
  @Roles(Admin, Secretary, Chair)
  @ApiView('OfficialDocumentView')
  issueCountReportDocument(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<OfficialDocumentView> {
    return this.issueCountReport.execute(user, pollId);
  }

  /** The registered count report and its signatures (who signed, who still has to); null before registration. */
  @Get('polls/:id/count-report/document')
  @Roles(Admin, Secretary, Chair, Role.Delegate)
  @ApiView('RegisteredDocument')
  async countReportDocument(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<{ document: OfficialDocumentView | null }> {
    await this.committee.report(user, pollId);
    // wrapped: a bare null would go out as an empty body, which is not JSON
    return { document: await this.documents.findBySource(COUNT_REPORT_DOCUMENT_KIND, pollId) };
  }

  /** Biên bản kiểm phiếu of a secret poll (staff; committee members too). */
  @Get('polls/:id/exports/count-report.pdf')
  @Roles(Admin, Secretary, Chair, Role.Delegate)
  @ApiFile(PDF)
  async countReportPdf(@CurrentUser() user: AuthUser, @UuidParam('id') pollId: string): Promise<StreamableFile> {
    const report = await this.committee.report(user, pollId);
    const poll = await this.dataSource.getRepository(PollEntity).findOneOrFail({ where: { id: pollId } });
    const { meeting, bodyName } = await this.data.header(poll.meetingId);
    return file(await countReportPdf(bodyName, meeting.title, report), PDF, exportFilename('bien-ban-kiem-phieu', poll.title, 'pdf'));
  }

  @Get('meetings/:id/exports/attendance.pdf')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(PDF)
  async attendancePdf(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const data = await this.data.attendanceData(meetingId);
    return file(await attendancePdf(data), PDF, exportFilename('diem-danh', data.meeting.title, 'pdf'));
  }

  @Get('meetings/:id/exports/attendance.xlsx')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(XLSX)
  async attendanceXlsx(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const data = await this.data.attendanceData(meetingId);
    return file(await attendanceXlsx(data), XLSX, exportFilename('diem-danh', data.meeting.title, 'xlsx'));
  }

  @Get('meetings/:id/exports/results.pdf')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(PDF)
  async resultsPdf(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const data = await this.data.resultsData(meetingId);
    return file(await resultsPdf(data), PDF, exportFilename('ket-qua-bieu-quyet', data.meeting.title, 'pdf'));
  }

  @Get('meetings/:id/exports/results.xlsx')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(XLSX)
  async resultsXlsx(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const data = await this.data.resultsData(meetingId);
    return file(await resultsXlsx(data), XLSX, exportFilename('ket-qua-bieu-quyet', data.meeting.title, 'xlsx'));
  }

  @Get('meetings/:id/exports/minutes.pdf')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(PDF)
  async minutesPdf(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const m = await this.minutes.get(meetingId);
    // once registered, the minutes are that file (with its number and the signatures made so far), never a new rendering
    const registered = await this.documents.findBySource(MINUTES_DOCUMENT_KIND, m.id);
    const content = registered ? (await this.documents.file(registered.id)).pdf : await minutesPdf(m);
    return file(content, PDF, exportFilename('bien-ban', m.content.subtitle, 'pdf'));
  }

  @Get('meetings/:id/exports/minutes.docx')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(DOCX)
  async minutesDocx(@CurrentUser() user: AuthUser, @UuidParam('id') meetingId: string): Promise<StreamableFile> {
    await this.access.assertCanView(user, meetingId);
    const m = await this.minutes.get(meetingId);
    return file(await minutesDocx(m), DOCX, exportFilename('bien-ban', m.content.subtitle, 'docx'));
  }

  @Get('opinion-rounds/:roundId/exports/summary.pdf')
  @Roles(Admin, Secretary, Chair)
  @ApiFile(PDF)
  async roundSummaryPdf(@CurrentUser() user: AuthUser, @UuidParam('roundId') roundId: string): Promise<StreamableFile> {
    const out = await this.rounds.pdf(user, roundId);
    return file(out.content, PDF, out.filename);
  }
}
