import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { IDEMPOTENCY_HEADER, Outcome } from './idempotency';

/** Documents the optional Idempotency-Key header of the posting routes. */
export const IdempotencyHeader = () =>
  ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description:
      '1–255 characters. The first result is stored 24 h and replayed for the same key; another body with it → 422 IDEMPOTENCY_KEY_REUSED.',
  });

/** Answers a replay with the stored body and says so in a header. */
export function reply<T>(res: Response, outcome: Outcome<T>): T {
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
