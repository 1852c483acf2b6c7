import { HttpStatus } from '@nestjs/common';
import { ErrorCode, ErrorDetail } from '@stockmaster/contracts';

/**
 * A rule of the domain said no. Services throw these (never HttpException); the global filter
 * turns them into the error envelope with their status, code and details.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code: string = ErrorCode.Conflict) {
    super(HttpStatus.CONFLICT, code, message);
  }
}

export class BusinessRuleError extends DomainError {
  constructor(message: string, details?: ErrorDetail[], code: string = ErrorCode.BusinessRule) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
  }
}

/** Input the validation pipe rejected; `details` name each field. */
export class ValidationError extends DomainError {
  constructor(details: ErrorDetail[]) {
    super(
      HttpStatus.BAD_REQUEST,
      ErrorCode.ValidationFailed,
      'The request has invalid fields',
      details,
    );
  }
}
