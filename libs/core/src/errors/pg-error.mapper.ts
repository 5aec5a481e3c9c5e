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
