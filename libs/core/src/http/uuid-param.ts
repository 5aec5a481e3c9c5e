import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../errors/domain.error.js';
import { ErrorCode } from '../errors/error-code.enum.js';

/** A route parameter that must be a UUID; anything else is a 400 before it reaches the database. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new DomainError(ErrorCode.VALIDATION_FAILED, `${name} must be a UUID`, [{ field: name, reasons: ['must be a UUID'] }]),
    }),
  );
