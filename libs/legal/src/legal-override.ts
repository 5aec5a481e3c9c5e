import { DomainError, Role, type AuthUser } from '#core';
import { LegalErrorCode } from './legal.errors.js';

export const MAX_LEGAL_BASIS = 1000;
/** A legal basis names at least a document and an article: "Điều 5 Quy chế ..." is 10+ characters. */
export const MIN_LEGAL_BASIS = 10;

/**
 * An override of a profile rule: only an administrator, only with the legal basis. Returns the cleaned basis, or
 * null when no override was asked for.
 */
export function checkOverride(user: AuthUser, basis: string | null | undefined): string | null {
  if (basis === undefined || basis === null) return null;
  if (user.role !== Role.Admin) throw new DomainError(LegalErrorCode.OVERRIDE_FORBIDDEN, 'Only an administrator may override the rules of the body\'s legal profile');
  const text = basis.normalize('NFC').trim();
  if (text.length < MIN_LEGAL_BASIS || text.length > MAX_LEGAL_BASIS) {
    throw new DomainError(LegalErrorCode.LEGAL_BASIS_REQUIRED, `Give the legal basis of the override (document and article, ${MIN_LEGAL_BASIS}-${MAX_LEGAL_BASIS} characters)`, [
      { field: 'overrideBasis', reason: 'document and article required' },
    ]);
  }
  return text;
}

export function locked(message: string, details?: unknown): DomainError {
  return new DomainError(LegalErrorCode.PROFILE_LOCKED, message, details);
}
