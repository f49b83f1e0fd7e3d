import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { type FieldProblem, ValidationError } from './errors.js';

function flatten(errors: ClassValidatorError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** class-validator on every input; problems come back as BAD_USER_INPUT with one entry per field. */
export function hubValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new ValidationError(
        fields,
        `The input is not valid: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`,
      );
    },
  });
}
