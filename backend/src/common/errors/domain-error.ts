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
    /** Response headers that belong to the answer (e.g. `Retry-After`). */
    readonly headers?: Record<string, string>,
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

/** 429 with the seconds after which trying again makes sense. */
export class TooManyRequestsError extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds?: number) {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      code,
      message,
      undefined,
      retryAfterSeconds === undefined
        ? undefined
        : { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code: string = ErrorCode.Unauthorized, message = 'Authentication required') {
    super(HttpStatus.UNAUTHORIZED, code, message);
  }
}
