import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import type { FieldCheck } from '../delegates/delegate-rules.js';

/**
 * Applies a shared field rule in a DTO: the value is normalised by the rule (NFC, trim, lower-case...) and rejected
 * with the rule's reason. `undefined` skips the field unless `required`; `null` is passed to the rule, which decides.
 */
export function Rule(check: (raw: unknown) => FieldCheck<unknown>, options: { required?: boolean } = {}): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) => {
    if (value === undefined) return value;
    const result = check(value);
    return result.ok ? result.value : value;
  });
  const skipUndefined = ValidateIf((_: object, value: unknown) => options.required === true || value !== undefined);
  const validate = ValidateBy({
    name: 'rule',
    validator: {
      validate: (value: unknown) => check(value).ok,
      defaultMessage: (args?: ValidationArguments) => {
        const result = check(args?.value);
        return `${args?.property ?? 'value'} ${result.ok ? 'is invalid' : result.reason}`;
      },
    },
  });
  return (target: object, key: string | symbol) => {
    transform(target, key);
    skipUndefined(target, key);
    validate(target, key);
  };
}
