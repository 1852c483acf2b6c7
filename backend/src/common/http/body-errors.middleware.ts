import type { NextFunction, Request, Response } from 'express';
import { toEnvelope } from '../errors/to-envelope';
import { requestIdOf } from './request-id';

/**
 * Body-parser failures (malformed JSON, body over the limit, bad charset) happen in Express
 * before Nest routes the request, so Nest's filters never see them; this answers them with the
 * same envelope.
 */
export function bodyErrorsMiddleware(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (response.headersSent) return next(error);
  const { envelope, headers } = toEnvelope(error, requestIdOf(request));
  if (headers) response.set(headers);
  response.status(envelope.statusCode).json(envelope);
}
