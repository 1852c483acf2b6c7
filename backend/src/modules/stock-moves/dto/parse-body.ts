import { Type } from '@nestjs/common';
import { createValidationPipe } from '../../../common/errors/validation-pipe';

const pipe = createValidationPipe();

/**
 * Validates and converts a body exactly as the global pipe does (same rules, same 400), for a
 * route that must answer something else first — a PATCH of a validated operation is 409
 * whatever its body.
 */
export async function parseBody<T extends object>(type: Type<T>, body: unknown): Promise<T> {
  return (await pipe.transform(body ?? {}, { type: 'body', metatype: type })) as T;
}
