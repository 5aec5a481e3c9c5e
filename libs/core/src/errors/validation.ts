import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError } from './domain.error.js';
import { ErrorCode } from './error-code.enum.js';

interface FieldError {
  field: string;
  reasons: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, reasons: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** One global pipe: unknown fields are errors, types are converted, every failure lists its fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const summary = details.map((d) => `${d.field}: ${d.reasons.join(', ')}`).join('; ');
      return new DomainError(ErrorCode.VALIDATION_FAILED, summary || 'Validation failed', details);
    },
  });
}
