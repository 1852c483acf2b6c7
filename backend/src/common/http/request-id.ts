import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming id is honoured only when it is short and plain, so it cannot forge log lines. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithId = Request & { id?: string };

export function requestIdOf(request: Request): string {
  return (request as WithId).id ?? 'unknown';
}

/**
 * The very first middleware: every response, including those failed by the body parser before
 * routing, carries the id that the logs of the same request carry.
 */
export function requestIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const incoming = request.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  (request as WithId).id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}
