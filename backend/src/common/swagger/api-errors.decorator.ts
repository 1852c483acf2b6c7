import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from './error-envelope.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (details per field)',
  401: 'Missing, invalid or expired access token',
  403: 'The role may not do this',
  404: 'Not found (or outside the caller’s warehouses)',
  409: 'Conflict or stale version',
  412: 'If-Match names another version than the current one',
  413: 'Body larger than 1 MB',
  422: 'A business rule refused it (details per line)',
  429: 'Rate limited',
  503: 'Database unreachable',
};

/** Documents the listed error statuses of a route with the shared envelope schema. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorEnvelopeDto }),
    ),
  );
}
