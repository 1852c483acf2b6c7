import { ErrorCode, ErrorDetail } from '@stockmaster/contracts';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './request-id';

/**
 * Deeper than any body the API accepts (an operation's line with its inline batch is 4 levels).
 * class-validator and class-transformer recurse once per level: thousands of levels overflow the
 * stack, so the depth is capped before they run.
 */
export const MAX_JSON_DEPTH = 32;

/** At most this many NUL details per answer: one per field is enough to fix a client. */
const MAX_DETAILS = 20;

const NUL = '\u0000';

export interface InputProblem {
  kind: 'depth' | 'nul';
  details: ErrorDetail[];
}

function pathOf(parent: string, key: string): string {
  const safeKey = key.replaceAll(NUL, '\\0');
  return parent ? `${parent}.${safeKey}` : safeKey;
}

/**
 * Walks a parsed body or query without recursion (so the check itself cannot overflow) and
 * reports either the first place nested deeper than {@link MAX_JSON_DEPTH}, or every string
 * holding a NUL character (PostgreSQL text cannot store it), by field path.
 */
export function inspectInput(value: unknown, root = ''): InputProblem | null {
  const nul: ErrorDetail[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (pending.length) {
    const item = pending.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes(NUL) && nul.length < MAX_DETAILS) {
        nul.push({
          field: item.path || 'body',
          message: `${item.path || 'body'} must not contain a NUL character (U+0000)`,
        });
      }
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_JSON_DEPTH) {
      return {
        kind: 'depth',
        details: [
          {
            field: item.path || 'body',
            message: `The request is nested deeper than ${MAX_JSON_DEPTH} levels`,
          },
        ],
      };
    }
    // Pushed last-first, so that the stack hands them out in document order.
    for (const [key, child] of Object.entries(item.value).reverse()) {
      const path = pathOf(item.path, key);
      if (key.includes(NUL) && nul.length < MAX_DETAILS) {
        nul.push({ field: path, message: 'Field names must not contain a NUL character (U+0000)' });
      }
      pending.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return nul.length ? { kind: 'nul', details: nul } : null;
}

/**
 * Runs right after the body parsers, before routing, guards and validation: one place refuses
 * NUL characters in any body field or query parameter, and over-deep JSON, for every route,
 * anonymous ones included. A NUL in a CSV upload is the import's to report (by row and column).
 */
export function inputGuardMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const query = inspectInput(request.query);
  const body = inspectInput(request.body as unknown);
  const problem =
    query?.kind === 'depth' || body?.kind === 'depth'
      ? query?.kind === 'depth'
        ? query
        : body
      : query || body
        ? { kind: 'nul' as const, details: [...(query?.details ?? []), ...(body?.details ?? [])] }
        : null;
  if (!problem) return next();
  const requestId = requestIdOf(request);
  response.status(400).json({
    statusCode: 400,
    error: ErrorCode.ValidationFailed,
    message:
      problem.kind === 'depth'
        ? 'The request body is nested too deeply'
        : 'The request has invalid fields',
    details: problem.details,
    requestId,
  });
}
