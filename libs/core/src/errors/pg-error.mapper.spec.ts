import { QueryFailedError } from 'typeorm';
import { ErrorCode } from './error-code.enum.js';
import { mapDatabaseError } from './pg-error.mapper.js';

const failed = (code: string): QueryFailedError => new QueryFailedError('DELETE FROM units WHERE id = $1', ['x'], Object.assign(new Error('violation'), { code, constraint: 'fk_x' }));

describe('mapDatabaseError', () => {
  it('maps foreign key violations to CONFLICT, including ON DELETE RESTRICT as PostgreSQL 17 (PGlite) reports it', () => {
    for (const code of ['23503', '23001']) {
      const mapped = mapDatabaseError(failed(code));
      expect({ code, mapped: mapped?.code, status: mapped?.status, details: mapped?.details }).toEqual({ code, mapped: ErrorCode.CONFLICT, status: 409, details: { constraint: 'fk_x' } });
    }
  });

  it('maps unique violations to DUPLICATE and leaves other errors alone', () => {
    expect(mapDatabaseError(failed('23505'))?.code).toBe(ErrorCode.DUPLICATE);
    expect(mapDatabaseError(failed('40001'))).toBeUndefined();
    expect(mapDatabaseError(new Error('not a query'))).toBeUndefined();
  });
});
