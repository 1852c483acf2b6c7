import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, ErrorDetail, isErrorEnvelope } from '@stockmaster/contracts';

/** Any failed API call, reduced to what a screen needs to tell the user. */
export interface ApiError {
  /** HTTP status; 0 when the server could not be reached at all. */
  status: number;
  /** Machine code from the envelope (`VALIDATION_FAILED`, …) or a client-side one. */
  code: string;
  /** A sentence fit to show as is. */
  message: string;
  /** Per-field (400) or per-line (422) problems; empty when there are none. */
  details: ErrorDetail[];
  /** The server's request id, to quote to support; null when unknown. */
  requestId: string | null;
}

/** Codes for failures that never reached the API's error filter. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  Unknown: 'UNKNOWN_ERROR',
} as const;

const STATUS_CODES: Record<number, string> = {
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

const STATUS_MESSAGES: Record<number, string> = {
  400: 'The request was not valid.',
  401: 'Your session has ended. Please sign in again.',
  403: 'You do not have permission to do that.',
  404: 'We could not find what you asked for.',
  409: 'Someone else changed this in the meantime. Reload and try again.',
  413: 'That is too large to send.',
  422: 'That cannot be done right now.',
  429: 'Too many requests. Wait a moment and try again.',
};

/**
 * Turns a failed HTTP call into an {@link ApiError}.
 *
 * Envelope answers keep their code, message and details; 5xx answers get a generic sentence
 * with the request id (the server never explains its internals); anything else (no network,
 * a proxy's HTML page, an unparsable body) gets a readable sentence for its status.
 */
export function toApiError(error: unknown): ApiError {
  if (!(error instanceof HttpErrorResponse)) {
    return {
      status: 0,
      code: ClientErrorCode.Unknown,
      message: 'Something went wrong in the console. Reload the page and try again.',
      details: [],
      requestId: null,
    };
  }

  const { status } = error;
  const envelope = isErrorEnvelope(error.error) ? error.error : null;
  const requestId = envelope?.requestId || error.headers?.get('X-Request-Id') || null;

  if (status === 0) {
    return {
      status,
      code: ClientErrorCode.Network,
      message: 'Cannot reach the server. Check your connection and try again.',
      details: [],
      requestId,
    };
  }

  const code = envelope?.error ?? fallbackCode(status);
  const details = envelope?.details ?? [];

  if (status >= 500) {
    const reference = requestId ? ` (request id ${requestId})` : '';
    const message =
      status === 503
        ? `The server is temporarily unavailable. Try again in a moment${reference}.`
        : `Something went wrong on the server${reference}. Try again, or quote the request id to support.`;
    return { status, code, message, details, requestId };
  }

  const message =
    envelope?.message || STATUS_MESSAGES[status] || `The request failed (HTTP ${status}).`;
  return { status, code, message, details, requestId };
}

function fallbackCode(status: number): string {
  if (STATUS_CODES[status]) return STATUS_CODES[status];
  if (status >= 500) return ErrorCode.Internal;
  if (status >= 400) return ErrorCode.BadRequest;
  return ClientErrorCode.Unknown;
}
