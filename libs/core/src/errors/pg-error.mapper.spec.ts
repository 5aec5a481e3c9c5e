import { QueryFailedError } from 'typeorm';
import { ErrorCode } from './error-code.enum.js';
import { isDatabaseUnavailable, mapDatabaseError } from './pg-error.mapper.js';

const queryFailed = (driverError: object): QueryFailedError => new QueryFailedError('SELECT 1', [], Object.assign(new Error('db'), driverError));

describe('mapDatabaseError', () => {
  it.each([
    ['server shutting down (57P01)', queryFailed({ code: '57P01' })],
    ['cannot connect now (57P03)', queryFailed({ code: '57P03' })],
    ['connection failure (08006)', queryFailed({ code: '08006' })],
    ['refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['terminated client', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped in a query error', new QueryFailedError('SELECT 1', [], new Error('Connection terminated due to connection timeout'))],
    ['several addresses refused', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], 'all failed')],
  ])('maps %s to a retryable DATABASE_UNAVAILABLE', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = mapDatabaseError(error);
    expect(mapped?.code).toBe(ErrorCode.DATABASE_UNAVAILABLE);
    expect(mapped?.status).toBe(503);
    expect(mapped?.details).toEqual({ retryable: true });
    expect(mapped?.retryAfter).toBeGreaterThan(0);
  });

  it.each([
    ['unique violation', queryFailed({ code: '23505', constraint: 'uq' }), ErrorCode.DUPLICATE],
    ['foreign key', queryFailed({ code: '23503' }), ErrorCode.CONFLICT],
    ['bad uuid text', queryFailed({ code: '22P02' }), ErrorCode.VALIDATION_FAILED],
  ])('keeps %s a client error', (_name, error, code) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(mapDatabaseError(error)?.code).toBe(code);
  });

  it('leaves programming errors alone (they are 500s and get logged)', () => {
    expect(mapDatabaseError(queryFailed({ code: '42P01' }))).toBeUndefined();
    expect(mapDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('mapDatabaseError on foreign keys', () => {
  const failed = (code: string): QueryFailedError => new QueryFailedError('DELETE FROM units WHERE id = $1', ['x'], Object.assign(new Error('violation'), { code, constraint: 'fk_x' }));

  it('maps foreign key violations to CONFLICT, including ON DELETE RESTRICT as PostgreSQL 17 (PGlite) reports it', () => {
    for (const code of ['23503', '23001']) {
      const mapped = mapDatabaseError(failed(code));
      expect({ code, mapped: mapped?.code, status: mapped?.status, details: mapped?.details }).toEqual({ code, mapped: ErrorCode.CONFLICT, status: 409, details: { constraint: 'fk_x' } });
    }
  });

  it('leaves serialization failures and plain errors alone', () => {
    expect(mapDatabaseError(failed('40001'))).toBeUndefined();
    expect(mapDatabaseError(new Error('not a query'))).toBeUndefined();
  });
});
