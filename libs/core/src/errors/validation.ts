import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

type DtoClass = abstract new (...args: never[]) => object;

/** Hand-written checks of a DTO's usual shape, by DTO class (see registerFastValidation). */
const fastChecks = new Map<DtoClass, (value: unknown) => object | null>();

/** What a validation pipe produced, and for which DTO: a second pipe on the same parameter passes it through. */
const validated = new WeakMap<object, DtoClass>();

/**
 * For a DTO on a hot path (a ballot per delegate in a vote burst): `accept` returns the DTO instance when the value
 * is certainly valid under the DTO's decorators and has no other field, else null; null hands the value to
 * class-validator, so every refusal keeps its code, message and details. `accept` must never pass what the
 * decorators refuse (its spec compares the two).
 */
export function registerFastValidation<T extends object>(dto: abstract new (...args: never[]) => T, accept: (value: unknown) => T | null): void {
  fastChecks.set(dto, accept);
}

class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype as DtoClass | undefined;
    // socket events meet the global pipe and their own @WsBody pipe: the second one has nothing left to check
    if (dto && typeof value === 'object' && value !== null && validated.get(value) === dto) return value;
    const result = (dto && fastChecks.get(dto)?.(value)) ?? ((await super.transform(value, metadata)) as unknown);
    if (dto && typeof result === 'object' && result !== null) validated.set(result, dto);
    return result;
  }
}

/** One global pipe: unknown fields are errors, types are converted, every failure lists its fields. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
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
