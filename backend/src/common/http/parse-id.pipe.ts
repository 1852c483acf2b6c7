import { ArgumentMetadata, Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isUUID } from 'class-validator';
import { ValidationError } from '../errors/domain-error';

/**
 * A UUID path parameter. A malformed one is invalid input like any other: the same
 * VALIDATION_FAILED envelope, its `details` naming the parameter (Nest's ParseUUIDPipe answers
 * a bare 400 without them).
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ValidationError([{ field, message: `${field} must be a UUID` }]);
  }
}

/**
 * `@IdParam() id: string`: a UUID path parameter, checked by {@link ParseIdPipe} and documented
 * as `format: uuid`.
 */
export function IdParam(name = 'id'): ParameterDecorator {
  return (target, key, index) => {
    Param(name, ParseIdPipe)(target, key!, index);
    const descriptor = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name, type: String, format: 'uuid' })(target, key!, descriptor);
  };
}
