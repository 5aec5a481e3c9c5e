import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { DelegateEntity } from '../delegate.entity.js';
import type { DelegateFilterDto } from '../delegates/delegates.dto.js';
import { DelegatesService } from '../delegates/delegates.service.js';
import { EXPORT_HEADER } from '../import/delegate-import.rules.js';

const UTF8_BOM = '\uFEFF';

/** Cells Excel would run as formulas get a leading apostrophe in CSV; the importer strips it again. */
function guardFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function exportRow(d: DelegateEntity): string[] {
  return EXPORT_HEADER.map(({ field }) => {
    if (field === 'hasVotingRight') return d.hasVotingRight ? 'có' : 'không';
    return d[field] ?? '';
  });
}

/** Export in the import format, so an export can be edited in Excel and imported again. */
@Injectable()
export class DelegatesExporter {
  constructor(private readonly delegates: DelegatesService) {}

  private rows(filter: DelegateFilterDto): Promise<DelegateEntity[]> {
    return this.delegates.filtered(filter).getMany();
  }

  /** UTF-8 with a BOM, so Excel shows Vietnamese diacritics instead of mojibake. */
  async csv(filter: DelegateFilterDto): Promise<Buffer> {
    const rows = (await this.rows(filter)).map((d) => exportRow(d).map(guardFormula));
    const text = stringify([EXPORT_HEADER.map((h) => h.label), ...rows], { record_delimiter: '\r\n' });
    return Buffer.from(UTF8_BOM + text, 'utf8');
  }

  async xlsx(filter: DelegateFilterDto): Promise<Buffer> {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Diên Hồng';
    const sheet = workbook.addWorksheet('Đại biểu');
    sheet.columns = EXPORT_HEADER.map((h) => ({ header: h.label, key: h.field, width: h.field === 'fullName' || h.field === 'organization' ? 36 : 22 }));
    sheet.getRow(1).font = { bold: true };
    for (const d of await this.rows(filter)) {
      // every cell is a string cell: phone numbers keep their leading 0 and nothing is evaluated as a formula
      sheet.addRow(exportRow(d));
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
