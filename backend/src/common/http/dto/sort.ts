import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { parseSort } from '@stockmaster/contracts';
import { IsIn, IsOptional } from 'class-validator';

/**
 * `?sort=` of a list: one of `fields`, `-` prefixed for descending. Anything else is a
 * VALIDATION_FAILED naming `sort` (the values come from a whitelist, never from the request, so
 * they can go into SQL).
 */
export function IsSort(fields: readonly string[], fallback: string): PropertyDecorator {
  const values = fields.flatMap((field) => [field, `-${field}`]);
  return applyDecorators(
    ApiPropertyOptional({
      enum: values,
      default: fallback,
      description: 'A column, prefixed with `-` for descending order',
    }),
    IsOptional(),
    IsIn(values, {
      message: `sort must be one of ${fields.join(', ')}, optionally prefixed with -`,
    }),
  );
}

/** The SQL `ORDER BY` terms of a validated sort, from the list's column whitelist. */
export function orderBy<F extends string>(
  sort: string | undefined,
  fallback: F,
  columns: Readonly<Record<F, string>>,
): { column: string; direction: 'ASC' | 'DESC' } {
  const { field, direction } = parseSort(sort ?? fallback);
  const column = columns[field as F] ?? columns[fallback];
  return { column, direction: direction === 'desc' ? 'DESC' : 'ASC' };
}

/**
 * An `ORDER BY` list for raw SQL: the chosen column first, then `tiebreak` so that pages are
 * stable; without a sort, the list's own `fallback` order.
 */
export function orderClause<F extends string>(
  sort: string | undefined,
  columns: Readonly<Record<F, string>>,
  tiebreak: string,
  fallback: string,
): string {
  if (!sort) return fallback;
  const { field, direction } = parseSort(sort);
  const column = columns[field as F];
  return column ? `${column} ${direction === 'desc' ? 'DESC' : 'ASC'}, ${tiebreak}` : fallback;
}
