import { HttpStatus } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ErrorCode } from '@stockmaster/contracts';
import { DomainError } from '../errors/domain-error';

/** The strong entity tag of a resource with an optimistic-lock `version`. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * `If-Match` (RFC 9110 §13.1.1) against the current version: `*` or any listed tag matches
 * (a weak `W/` prefix is ignored); otherwise 412 PRECONDITION_FAILED, before anything changes.
 * Absent, nothing is checked (the body's `version` still guards the write: 409 when stale).
 */
export function assertIfMatch(header: string | undefined, version: number): void {
  if (header === undefined || header.trim() === '*') return;
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes(etagOf(version))) return;
  throw new DomainError(
    HttpStatus.PRECONDITION_FAILED,
    ErrorCode.PreconditionFailed,
    `If-Match ${header} does not match the current version ${etagOf(version)}: reload and try again`,
  );
}

export const IfMatchHeader = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The ETag you read (`"<version>"`); another current version answers 412 PRECONDITION_FAILED.',
  });
