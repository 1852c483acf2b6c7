import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is refused). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy(
      {
        name: 'isCalendarDate',
        validator: {
          validate: isCalendarDate,
          defaultMessage: () => '$property must be a date YYYY-MM-DD',
        },
      },
      options,
    ),
  );
}
