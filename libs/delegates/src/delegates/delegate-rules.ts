import { isEmail } from 'class-validator';
import { charLength, cleanText, foldAccents } from '../common/text.js';

/** Column sizes of the delegates table; DTOs, the importer and the database agree on them. */
export const DELEGATE_LIMITS = { fullName: 200, title: 200, organization: 300, email: 254, phone: 32 } as const;

export type FieldCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldCheck<T> => ({ ok: false, reason });

/** Vietnamese numbers: mobile 0 + 9 digits (3/5/7/8/9x), landline 02x + 8 digits; +84 instead of the leading 0. */
const PHONE_PATTERN = /^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/;

/** Required name: NFC, trimmed, 1..200 characters. */
export function checkFullName(raw: unknown): FieldCheck<string> {
  if (typeof raw !== 'string') return fail('must be a string');
  const value = cleanText(raw);
  if (value.length === 0) return fail('must not be empty');
  if (charLength(value) > DELEGATE_LIMITS.fullName) return fail(`must be at most ${DELEGATE_LIMITS.fullName} characters`);
  if (/\p{Cc}/u.test(value)) return fail('must not contain control characters');
  return ok(value);
}

/** Optional free text (title, organization): empty or null means none. */
export function checkOptionalText(raw: unknown, max: number): FieldCheck<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw !== 'string') return fail('must be a string');
  const value = cleanText(raw);
  if (value.length === 0) return ok(null);
  if (charLength(value) > max) return fail(`must be at most ${max} characters`);
  if (/\p{Cc}/u.test(value)) return fail('must not contain control characters');
  return ok(value);
}

/** Optional e-mail, stored lower-cased (the unique index is on lower(email)). */
export function checkEmail(raw: unknown): FieldCheck<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw !== 'string') return fail('must be a string');
  const value = raw.normalize('NFC').trim().toLowerCase();
  if (value.length === 0) return ok(null);
  if (charLength(value) > DELEGATE_LIMITS.email) return fail(`must be at most ${DELEGATE_LIMITS.email} characters`);
  if (!isEmail(value)) return fail('must be a valid e-mail address');
  return ok(value);
}

/** Optional Vietnamese phone number; spaces, dots, dashes and parentheses are dropped. */
export function checkPhone(raw: unknown): FieldCheck<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw !== 'string') return fail('must be a string');
  const trimmed = raw.trim();
  if (trimmed.length === 0) return ok(null);
  if (trimmed.length > 64) return fail('must be a Vietnamese phone number such as 0912345678 or +84912345678');
  const value = trimmed.replace(/[\s.\-()]/g, '');
  if (!PHONE_PATTERN.test(value)) return fail('must be a Vietnamese phone number such as 0912345678 or +84912345678');
  return ok(value);
}

const YES = new Set(['yes', 'y', 'true', '1', 'co', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'khong']);

/** yes/no/true/false/1/0/có/không (any case, with or without diacritics); empty means the default. */
export function checkYesNo(raw: unknown, fallback: boolean): FieldCheck<boolean> {
  if (raw === null || raw === undefined) return ok(fallback);
  if (typeof raw === 'boolean') return ok(raw);
  if (typeof raw !== 'string') return fail('must be yes or no');
  const value = foldAccents(raw.trim());
  if (value === '') return ok(fallback);
  if (YES.has(value)) return ok(true);
  if (NO.has(value)) return ok(false);
  return fail('must be yes/no, true/false, 1/0 or có/không');
}

export interface DelegateFields {
  fullName: string;
  title: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  hasVotingRight: boolean;
}

export type DelegateFieldName = keyof DelegateFields;

/** Every check a delegate record passes, in one place: used by the DTOs and the importer. */
export const DELEGATE_CHECKS: { [K in DelegateFieldName]: (raw: unknown) => FieldCheck<DelegateFields[K]> } = {
  fullName: checkFullName,
  title: (raw) => checkOptionalText(raw, DELEGATE_LIMITS.title),
  organization: (raw) => checkOptionalText(raw, DELEGATE_LIMITS.organization),
  email: checkEmail,
  phone: checkPhone,
  hasVotingRight: (raw) => checkYesNo(raw, true),
};
