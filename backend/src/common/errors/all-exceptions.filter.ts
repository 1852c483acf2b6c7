import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { DomainError } from './domain-error';
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
    const { envelope, unexpected } = toEnvelope(exception, requestId);
    if (unexpected) {
      this.logger.error({ err: exception, requestId, path: request.originalUrl }, 'request failed');
    }
    if (response.headersSent) return;
    if (exception instanceof DomainError && exception.headers) response.set(exception.headers);
    response.status(envelope.statusCode).json(envelope);
  }
}
