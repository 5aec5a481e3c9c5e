import { DomainError, ErrorCode } from '#core';
import { isValidQuorum } from '../access/meeting-rules.js';

/** Checks times and quorum after merging a change with what is stored; throws VALIDATION_FAILED naming the field. */
export function assertMeetingShape(m: { startsAt: Date; endsAt: Date | null; quorumNumerator: number; quorumDenominator: number }): void {
  if (m.endsAt && m.endsAt.getTime() <= m.startsAt.getTime()) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'endsAt must be after startsAt', [{ field: 'endsAt', reasons: ['must be after startsAt'] }]);
  }
  if (!isValidQuorum(m.quorumNumerator, m.quorumDenominator)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The quorum must be a fraction with 0 < numerator/denominator <= 1', [
      { field: 'quorumNumerator', reasons: ['must be positive and at most quorumDenominator'] },
    ]);
  }
}

export const trimOrNull = (s: string | null | undefined): string | null => {
  const t = s?.normalize('NFC').trim();
  return t ? t : null;
};

export const requiredText = (s: string, field: string): string => {
  const t = s.normalize('NFC').trim();
  if (!t) throw new DomainError(ErrorCode.VALIDATION_FAILED, `${field} must not be blank`, [{ field, reasons: ['must not be blank'] }]);
  return t;
};
