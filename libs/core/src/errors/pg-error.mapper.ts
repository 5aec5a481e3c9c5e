import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain.error.js';
import { ErrorCode } from './error-code.enum.js';

interface PgDriverError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Turns constraint violations the database enforces into domain errors, so a race never becomes a 500. */
export function mapDatabaseError(error: unknown): DomainError | undefined {
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = (error as QueryFailedError & { driverError?: PgDriverError }).driverError ?? {};
  const code = driverError.code ?? (error as unknown as PgDriverError).code;
  const constraint = driverError.constraint ?? (error as unknown as PgDriverError).constraint;
  switch (code) {
    case '23505':
      return new DomainError(ErrorCode.DUPLICATE, 'A record with the same unique value already exists', { constraint });
    // 23001 restrict_violation: PostgreSQL 17 (embedded PGlite) reports ON DELETE RESTRICT with its own code
    case '23503':
    case '23001':
      return new DomainError(ErrorCode.CONFLICT, 'The record is referenced by or refers to a missing record', { constraint });
    case '23514':
    case '23502':
    case '22001':
    case '22P02':
      return new DomainError(ErrorCode.VALIDATION_FAILED, 'The database rejected a value', { constraint });
    default:
      return undefined;
  }
}

// class 08 = connection exception; 57P01-03 = admin/crash shutdown, cannot connect now; 53300 = too many connections
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/** True when the failure is the database being out of reach (restart, network), not the query: safe to retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** What a client sees during a database outage: 503, retryable, nothing was acknowledged. */
export function databaseUnavailable(): DomainError {
  return new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database is unavailable right now; retry shortly (retrying with the same ids is safe)', { retryable: true }, 2);
}
