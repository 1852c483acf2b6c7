import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { toEnvelope } from './to-envelope';

/** Every error thrown inside Nest (routes, guards, pipes, 404s) leaves as the error envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = requestIdOf(request);
    const { envelope, unexpected, headers } = toEnvelope(exception, requestId);
    if (unexpected) {
      this.logger.error({ err: exception, requestId, path: request.originalUrl }, 'request failed');
    } else if (envelope.statusCode === 503) {
      this.logger.warn({ requestId, path: request.originalUrl }, 'database unavailable');
    }
    if (response.headersSent) return;
    // A failure of ours says nothing about the client's session: whatever a handler did to its
    // cookies before failing (a refresh clearing the cookie) must not reach the browser.
    if (envelope.statusCode >= 500) response.removeHeader('Set-Cookie');
    if (headers) response.set(headers);
    response.status(envelope.statusCode).json(envelope);
  }
}
