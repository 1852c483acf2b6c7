import { QUANTITY_MESSAGE, QUANTITY_PATTERN } from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';

/**
 * A decimal quantity given as a JSON number or string, kept as a string (never a float) for
 * PostgreSQL `numeric`: at most 3 decimals, below 10^12, not negative.
 */
export function IsQuantity(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) =>
      typeof value === 'number' && Number.isFinite(value) ? String(value) : value,
    ),
    Matches(QUANTITY_PATTERN, { message: `$property ${QUANTITY_MESSAGE}` }),
  );
}
