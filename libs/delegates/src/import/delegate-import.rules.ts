import { DomainError, ErrorCode } from '#core';
import { foldAccents } from '../common/text.js';
import { DELEGATE_CHECKS, type DelegateFieldName, type DelegateFields } from '../delegates/delegate-rules.js';

/** One row of the uploaded table: `line` is the 1-based line of the CSV file (header included) or the sheet row. */
export interface RawRow {
  line: number;
  cells: string[];
}

export interface ImportRowError {
  line: number;
  column: string | null;
  reason: string;
}

export interface ValidRow {
  line: number;
  fields: DelegateFields;
}

/** Column names accepted in the header, compared after folding case, diacritics, spaces and dashes. */
export const IMPORT_COLUMNS: Record<DelegateFieldName, { canonical: string; aliases: string[] }> = {
  fullName: { canonical: 'full_name', aliases: ['full_name', 'fullname', 'ho_ten', 'ho_va_ten'] },
  title: { canonical: 'title', aliases: ['title', 'chuc_vu'] },
  organization: { canonical: 'organization', aliases: ['organization', 'organisation', 'don_vi', 'co_quan'] },
  email: { canonical: 'email', aliases: ['email', 'e_mail', 'thu_dien_tu'] },
  phone: { canonical: 'phone', aliases: ['phone', 'dien_thoai', 'so_dien_thoai'] },
  hasVotingRight: { canonical: 'voting_right', aliases: ['voting_right', 'has_voting_right', 'quyen_bieu_quyet'] },
};

export const REQUIRED_COLUMNS: DelegateFieldName[] = ['fullName'];

/** The header an export writes, in Vietnamese: it maps back through the aliases, so exports can be imported. */
export const EXPORT_HEADER: { field: DelegateFieldName; label: string }[] = [
  { field: 'fullName', label: 'Họ và tên' },
  { field: 'title', label: 'Chức vụ' },
  { field: 'organization', label: 'Đơn vị' },
  { field: 'email', label: 'Email' },
  { field: 'phone', label: 'Điện thoại' },
  { field: 'hasVotingRight', label: 'Quyền biểu quyết' },
];

export const MAX_IMPORT_ROWS = 5000;

export function headerKey(cell: string): string {
  return foldAccents(cell.normalize('NFC').trim())
    .replace(/[\s\-.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const ALIAS_TO_FIELD = new Map<string, DelegateFieldName>(
  (Object.entries(IMPORT_COLUMNS) as [DelegateFieldName, { aliases: string[] }][]).flatMap(([field, c]) => c.aliases.map((a) => [a, field] as const)),
);

/** Maps header cells to fields (null for a blank header cell); missing, unknown or repeated columns are a 422. */
export function mapHeader(cells: string[]): (DelegateFieldName | null)[] {
  const columns: (DelegateFieldName | null)[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<DelegateFieldName>();
  for (const cell of cells) {
    const key = headerKey(cell);
    if (key === '') {
      columns.push(null);
      continue;
    }
    const field = ALIAS_TO_FIELD.get(key);
    if (!field) {
      unknown.push(cell.trim());
      columns.push(null);
      continue;
    }
    if (seen.has(field)) repeated.push(cell.trim());
    seen.add(field);
    columns.push(field);
  }
  const missing = REQUIRED_COLUMNS.filter((f) => !seen.has(f)).map((f) => IMPORT_COLUMNS[f].canonical);
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    const parts = [
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
      repeated.length ? `repeated column(s): ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new DomainError(ErrorCode.IMPORT_INVALID, `The header row is not usable: ${parts.join('; ')}`, {
      missingColumns: missing,
      unknownColumns: unknown,
      repeatedColumns: repeated,
      expectedColumns: Object.values(IMPORT_COLUMNS).map((c) => c.canonical),
    });
  }
  return columns;
}

/** A CSV cell written as '=... by the exporter (formula-injection guard) is read back without the apostrophe. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Checks every data row with the same rules as the create endpoint, plus e-mails repeated inside the file.
 * Pure: e-mails already in the database are checked by the caller.
 */
export function validateRows(rows: RawRow[], columns: (DelegateFieldName | null)[]): { valid: ValidRow[]; errors: ImportRowError[] } {
  const valid: ValidRow[] = [];
  const errors: ImportRowError[] = [];
  const emailLines = new Map<string, number>();
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    const rowErrors: ImportRowError[] = [];
    const raw: Partial<Record<DelegateFieldName, string>> = {};
    row.cells.forEach((cell, i) => {
      const field = i < columns.length ? columns[i] : null;
      if (field) raw[field] = unguard(cell);
      else if (cell.trim() !== '') rowErrors.push({ line: row.line, column: null, reason: `value in column ${i + 1}, which has no known header` });
    });
    const fields: Partial<DelegateFields> = {};
    for (const field of Object.keys(IMPORT_COLUMNS) as DelegateFieldName[]) {
      const check = DELEGATE_CHECKS[field](raw[field]);
      if (check.ok) (fields as Record<string, unknown>)[field] = check.value;
      else rowErrors.push({ line: row.line, column: IMPORT_COLUMNS[field].canonical, reason: check.reason });
    }
    const email = fields.email;
    if (email) {
      const first = emailLines.get(email);
      if (first !== undefined) rowErrors.push({ line: row.line, column: 'email', reason: `duplicate e-mail, already on line ${first}` });
      else emailLines.set(email, row.line);
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else valid.push({ line: row.line, fields: fields as DelegateFields });
  }
  return { valid, errors };
}
