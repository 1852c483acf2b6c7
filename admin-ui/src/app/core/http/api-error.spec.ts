import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ErrorCode, ErrorEnvelope } from '@stockmaster/contracts';

import { ClientErrorCode, toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the code, message, details and request id of an error envelope', () => {
    const envelope: ErrorEnvelope = {
      statusCode: 400,
      error: ErrorCode.ValidationFailed,
      message: 'Some fields are not valid.',
      details: [{ field: 'sku', message: 'sku must not be empty' }],
      requestId: 'req-1',
    };

    const error = toApiError(new HttpErrorResponse({ status: 400, error: envelope }));

    expect(error).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Some fields are not valid.',
      details: [{ field: 'sku', message: 'sku must not be empty' }],
      requestId: 'req-1',
    });
  });

  it('says the server cannot be reached when the request never got an answer', () => {
    const error = toApiError(
      new HttpErrorResponse({ status: 0, error: new ProgressEvent('error'), url: '/api/v1/x' }),
    );

    expect(error.status).toBe(0);
    expect(error.code).toBe(ClientErrorCode.Network);
    expect(error.message).toMatch(/cannot reach the server/i);
    expect(error.details).toEqual([]);
  });

  it('hides a 5xx behind a generic sentence that quotes the request id', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 500,
        error: {
          statusCode: 500,
          error: ErrorCode.Internal,
          message: 'Internal server error',
          requestId: 'abc-123',
        },
      }),
    );

    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toContain('Something went wrong on the server (request id abc-123)');
    expect(error.requestId).toBe('abc-123');
  });

  it('reads the request id from the X-Request-Id header of a non-envelope 5xx (a proxy page)', () => {
    const error = toApiError(
      new HttpErrorResponse({
        status: 502,
        error: '<html><body>Bad Gateway</body></html>',
        headers: new HttpHeaders({ 'X-Request-Id': 'hdr-9' }),
      }),
    );

    expect(error.code).toBe(ErrorCode.Internal);
    expect(error.message).toContain('(request id hdr-9)');
    expect(error.message).not.toContain('<html>');
  });

  it('gives a readable sentence for a non-JSON 4xx body', () => {
    const forbidden = toApiError(new HttpErrorResponse({ status: 403, error: 'Forbidden' }));
    const teapot = toApiError(new HttpErrorResponse({ status: 418, error: 'I am a teapot' }));

    expect(forbidden).toMatchObject({
      status: 403,
      code: ErrorCode.Forbidden,
      message: 'You do not have permission to do that.',
      requestId: null,
    });
    expect(teapot.message).toBe('The request failed (HTTP 418).');
  });

  it('says the service is temporarily unavailable on 503', () => {
    const error = toApiError(new HttpErrorResponse({ status: 503, error: null }));

    expect(error.code).toBe(ErrorCode.ServiceUnavailable);
    expect(error.message).toMatch(/temporarily unavailable/);
  });

  it('turns something that is not an HTTP error into a generic console error', () => {
    const error = toApiError(new TypeError('x is undefined'));

    expect(error.code).toBe(ClientErrorCode.Unknown);
    expect(error.message).not.toContain('x is undefined');
  });
});
