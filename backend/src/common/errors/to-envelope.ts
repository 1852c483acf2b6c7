import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode, ErrorDetail, ErrorEnvelope } from '@stockmaster/contracts';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { DomainError } from './domain-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.BusinessRule,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'You are not allowed to do this',
  404: 'Not found',
  413: 'The request body is too large (limit 1 MB)',
  415: 'Unsupported content type or charset',
  429: 'Too many requests, try again later',
  503: 'The service is temporarily unavailable',
};

export interface Classified {
  envelope: ErrorEnvelope;
  /** True when the failure is ours, not the client's: log it with its stack. */
  unexpected: boolean;
  /** Response headers that belong to the answer (`Retry-After`). */
  headers?: Record<string, string>;
}

/** Errors thrown by body-parser (malformed JSON, body too large, bad charset) before routing. */
interface BodyParserError {
  type: string;
  status: number;
  /** Bytes, on `entity.too.large`: the limit of the route the body was sent to. */
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return (
    typeof e?.type === 'string' && typeof e.status === 'number' && e.status >= 400 && e.status < 500
  );
}

function envelope(
  statusCode: number,
  error: string,
  message: string,
  requestId: string,
  details?: ErrorDetail[],
): ErrorEnvelope {
  return details?.length
    ? { statusCode, error, message, details, requestId }
    : { statusCode, error, message, requestId };
}

/** Nest's own HttpExceptions carry either a string or `{ message, error }`; keep only safe text. */
function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  const status = exception.getStatus();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return MESSAGE_BY_STATUS[status] ?? exception.message;
}

/**
 * The single mapping from any thrown value to the error envelope. Only messages we wrote
 * ourselves reach the client; driver, SQL and stack text never do.
 */
export function toEnvelope(error: unknown, requestId: string): Classified {
  if (error instanceof DomainError) {
    return {
      envelope: envelope(error.status, error.code, error.message, requestId, error.details),
      unexpected: false,
      headers: error.headers,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // Not the client's fault and not a bug: the database is away. The session stays valid.
    return {
      envelope: envelope(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.ServiceUnavailable,
        'The server is temporarily unavailable: try again in a few seconds',
        requestId,
      ),
      unexpected: false,
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
    const message =
      status >= 500
        ? (MESSAGE_BY_STATUS[status] ?? 'Internal server error')
        : httpExceptionMessage(error);
    return {
      envelope: envelope(status, code, message, requestId),
      unexpected: status >= 500 && status !== 503,
    };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') {
      return {
        envelope: envelope(
          400,
          ErrorCode.MalformedJson,
          'The request body is not valid JSON',
          requestId,
        ),
        unexpected: false,
      };
    }
    const status = error.status;
    const message =
      status === 413 && typeof error.limit === 'number'
        ? `The request body is too large (limit ${Math.round(error.limit / (1024 * 1024))} MB)`
        : (MESSAGE_BY_STATUS[status] ?? 'Bad request');
    return {
      envelope: envelope(
        status,
        CODE_BY_STATUS[status] ?? ErrorCode.BadRequest,
        message,
        requestId,
      ),
      unexpected: false,
    };
  }
  if (error instanceof QueryFailedError) {
    // Safety nets only: services translate the constraint violations they expect into domain
    // errors. These keep a missed case from turning a client's mistake into a 500.
    const sqlState = (error.driverError as { code?: string } | undefined)?.code;
    if (sqlState === '23505') {
      return {
        envelope: envelope(
          409,
          ErrorCode.Conflict,
          'This conflicts with an existing record',
          requestId,
        ),
        unexpected: true,
      };
    }
    if (
      sqlState === '22P02' ||
      sqlState === '22003' ||
      sqlState === '22007' ||
      sqlState === '22008'
    ) {
      return {
        envelope: envelope(
          400,
          ErrorCode.BadRequest,
          'A value in the request is out of range or malformed',
          requestId,
        ),
        unexpected: true,
      };
    }
  }
  return {
    envelope: envelope(
      HttpStatus.INTERNAL_SERVER_ERROR,
      ErrorCode.Internal,
      `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      requestId,
    ),
    unexpected: true,
  };
}
