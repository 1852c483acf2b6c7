import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { API_PREFIX } from './api-prefix';

/**
 * Fills `{a.b}` placeholders of a path from the answer (`/operations/{operation.id}`); null when
 * the answer lacks one.
 */
export function resolveLocation(template: string, body: unknown): string | null {
  let missing = false;
  const path = template.replace(/\{([\w.]+)\}/g, (_, field: string) => {
    let value: unknown = body;
    for (const key of field.split('.')) {
      value =
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') missing = true;
    return encodeURIComponent(String(value));
  });
  return missing ? null : path;
}

/**
 * `Location` of a 201: where the created resource can be read. The template is relative to the
 * API root; without one, the resource lives below the collection the request was posted to.
 */
export function locationInterceptor(template?: string): new () => NestInterceptor {
  @Injectable()
  class LocationInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      const http = context.switchToHttp();
      const request = http.getRequest<Request>();
      const response = http.getResponse<Response>();
      return next.handle().pipe(
        map((body: unknown) => {
          const path = template
            ? resolveLocation(`/${API_PREFIX}${template}`, body)
            : resolveLocation(`${request.path.replace(/\/$/, '')}/{id}`, body);
          if (path && response.statusCode === 201) response.setHeader('Location', path);
          return body;
        }),
      );
    }
  }
  return LocationInterceptor;
}
