import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail } from '@stockmaster/contracts';
import { ValidationError } from './domain-error';

/** Flattens nested class-validator errors into one detail per failed rule, with dotted paths. */
export function validationDetails(errors: ClassValidatorError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

/** Whitelisting, rejecting unknown fields and converting types, with our envelope on failure. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // A value that never reaches a DTO's own rules (e.g. an array where an object belongs) still
    // fails as a field error rather than a thrown TypeError.
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationError(validationDetails(errors)),
  });
}
