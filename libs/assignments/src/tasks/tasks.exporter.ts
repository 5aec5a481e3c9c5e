import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { formatVnDate } from '#core';
import { MeetingAccess } from '#meetings';
import { ConclusionEntity } from '../conclusions/conclusion.entity.js';
import { TaskStatus } from './task-status.js';
import type { TaskView } from './task-view.js';
import type { ListTasksQueryDto } from './tasks.dto.js';
import { TasksService } from './tasks.service.js';

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  [TaskStatus.Open]: 'Chưa thực hiện',
  [TaskStatus.InProgress]: 'Đang thực hiện',
  [TaskStatus.Done]: 'Hoàn thành',
  [TaskStatus.Overdue]: 'Quá hạn',
};

const TASK_COLUMNS = [
  { header: 'STT', width: 6 },
  { header: 'Cuộc họp', width: 36 },
  { header: 'Kết luận', width: 48 },
  { header: 'Nhiệm vụ', width: 48 },
  { header: 'Cơ quan chủ trì', width: 32 },
  { header: 'Cơ quan phối hợp', width: 32 },
  { header: 'Sản phẩm', width: 32 },
  { header: 'Thời hạn', width: 14 },
  { header: 'Hạn báo cáo', width: 14 },
  { header: 'Trạng thái', width: 16 },
  { header: 'Báo cáo kết quả', width: 48 },
  { header: 'Ngày báo cáo', width: 14 },
  { header: 'Trễ hạn', width: 10 },
];

const UNIT_COLUMNS = ['Mã đơn vị', 'Cơ quan, đơn vị', 'Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Quá hạn', 'Tổng số'];

/** Dates as Hanoi sees them (dd/mm/yyyy), written as text so Excel does not shift them by time zone. */
const hanoiDate = (iso: string | null): string => formatVnDate(iso || null);

/** Text that Excel would run as a formula gets a leading apostrophe. */
function safe(value: string | null): string {
  const v = value ?? '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The task list and per-unit counts as one workbook with Vietnamese headers. */
@Injectable()
export class TasksExporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly meetings: MeetingAccess,
  ) {}

  async xlsx(query: ListTasksQueryDto): Promise<Buffer> {
    const tasks = await this.tasks.list(query);
    const { meetings, conclusions } = await this.context(tasks);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Diên Hồng';

    const sheet = workbook.addWorksheet('Nhiệm vụ');
    sheet.columns = TASK_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    tasks.forEach((t, i) => {
      sheet.addRow([
        i + 1,
        safe(meetings.get(t.meetingId) ?? ''),
        safe(conclusions.get(t.conclusionId) ?? ''),
        safe(t.title),
        safe(t.leadUnit.name),
        safe(t.cooperatingUnits.map((u) => u.name).join('; ')),
        safe(t.expectedOutput),
        hanoiDate(t.deadline),
        hanoiDate(t.reportDeadline),
        TASK_STATUS_LABEL[t.status],
        safe(t.report),
        hanoiDate(t.reportedAt),
        t.late ? 'Có' : '',
      ]);
    });

    const summary = workbook.addWorksheet('Tổng hợp theo đơn vị');
    summary.columns = UNIT_COLUMNS.map((header, i) => ({ header, width: i === 1 ? 40 : 16 }));
    summary.getRow(1).font = { bold: true };
    for (const c of await this.tasks.dashboard()) summary.addRow([safe(c.unit.code), safe(c.unit.name), c.open, c.inProgress, c.done, c.overdue, c.total]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async context(tasks: TaskView[]): Promise<{ meetings: Map<string, string>; conclusions: Map<string, string> }> {
    const conclusionIds = [...new Set(tasks.map((t) => t.conclusionId))];
    const meetingIds = [...new Set(tasks.map((t) => t.meetingId))];
    const cs = conclusionIds.length ? await this.dataSource.getRepository(ConclusionEntity).find({ where: { id: In(conclusionIds) }, select: { id: true, text: true } }) : [];
    return { meetings: await this.meetings.titles(meetingIds), conclusions: new Map(cs.map((c) => [c.id, c.text])) };
  }
}
