import type { Cell } from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DomainError, ErrorCode } from '#core';
import { detectDelimiter, detectUploadKind } from './file-kind.js';
import { assertZipInflatesWithinLimits } from './zip-guard.js';
import { MAX_IMPORT_ROWS, type RawRow } from './delegate-import.rules.js';

const MAX_COLUMNS = 50;

function tooMany(): DomainError {
  return new DomainError(ErrorCode.IMPORT_INVALID, `The file has more than ${MAX_IMPORT_ROWS} rows; split it`, { maxRows: MAX_IMPORT_ROWS });
}

/** Reads an uploaded CSV or XLSX into rows of text cells; the first row returned is the header. */
export async function readDelegateTable(buf: Buffer): Promise<RawRow[]> {
  const kind = detectUploadKind(buf);
  return kind.kind === 'xlsx' ? readXlsx(buf) : readCsv(kind.text);
}

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

export function readCsv(text: string): RawRow[] {
  let records: CsvRecord[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      to: MAX_IMPORT_ROWS + 2,
    }) as unknown as CsvRecord[];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    throw new DomainError(ErrorCode.IMPORT_INVALID, 'The CSV file could not be parsed', {
      errors: [{ line: err.lines ?? null, column: null, reason: err.message ?? 'malformed CSV' }],
    });
  }
  if (records.length > MAX_IMPORT_ROWS + 1) throw tooMany();
  return records.map(({ record, info }) => {
    if (record.length > MAX_COLUMNS) throw new DomainError(ErrorCode.IMPORT_INVALID, `Line ${info.lines} has more than ${MAX_COLUMNS} columns`);
    // info.lines is the line the record ends on; quoted cells may span lines
    const inner = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    return { line: info.lines - inner, cells: record };
  });
}

/** Cell text as shown in Excel; a phone typed as a number has lost its leading 0, so it is put back. */
function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return /^[1-9]\d{8}$/.test(String(v)) ? `0${String(v)}` : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return cell.text ?? '';
}

export async function readXlsx(buf: Buffer): Promise<RawRow[]> {
  await assertZipInflatesWithinLimits(buf);
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new DomainError(ErrorCode.INVALID_FILE, 'The file starts like XLSX but is not a readable Excel workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError(ErrorCode.IMPORT_INVALID, 'The workbook has no sheet', { missingColumns: ['full_name'] });
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1) throw tooMany();
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const width = Math.min(row.cellCount, MAX_COLUMNS + 1);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)).normalize('NFC'));
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ line: rowNumber, cells });
  });
  if (rows.some((r) => r.cells.length > MAX_COLUMNS)) throw new DomainError(ErrorCode.IMPORT_INVALID, `A row has more than ${MAX_COLUMNS} columns`);
  return rows;
}
