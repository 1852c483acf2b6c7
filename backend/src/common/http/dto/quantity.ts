import { QUANTITY_MESSAGE, QUANTITY_PATTERN } from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
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

/**
 * Documents a quantity as the server accepts it: a decimal string or a JSON number (answers
 * always carry strings). Generated clients then accept `quantity: 3` as the server does.
 */
export function ApiQuantity(
  options: { required?: boolean; example?: string; description?: string } = {},
): PropertyDecorator {
  return ApiProperty({
    required: options.required ?? true,
    oneOf: [
      { type: 'string', pattern: QUANTITY_PATTERN.source },
      { type: 'number', minimum: 0, maximum: 999_999_999_999.999 },
    ],
    example: options.example,
    description: options.description,
  });
}
