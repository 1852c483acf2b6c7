import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

interface RequestContext {
  ip: string | null;
}

/**
 * What the audit log needs to know about the request being served, without every service
 * passing it down: one store per request, set before routing.
 */
const storage = new AsyncLocalStorage<RequestContext>();

/** A caller's address as the log records it: IPv4 clients without the `::ffff:` prefix. */
export function clientIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}

/** The address of the request being served (after `trust proxy`); null outside a request. */
export function currentRequestIp(): string | null {
  return storage.getStore()?.ip ?? null;
}

@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    storage.run({ ip: clientIp(request.ip) }, next);
  }
}
