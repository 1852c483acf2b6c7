import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { BusinessRuleError, ConflictError, NotFoundError } from './domain-error';
import { toEnvelope } from './to-envelope';

const ID = 'req-1';

describe('toEnvelope', () => {
  it('keeps a domain error’s status, code, message and details', () => {
    const { envelope, unexpected } = toEnvelope(
      new BusinessRuleError(
        'Cannot validate',
        [{ line: 1, error: 'INSUFFICIENT_STOCK', message: 'Only 2' }],
        'INSUFFICIENT_STOCK',
      ),
      ID,
    );
    expect(envelope).toEqual({
      statusCode: 422,
      error: 'INSUFFICIENT_STOCK',
      message: 'Cannot validate',
      details: [{ line: 1, error: 'INSUFFICIENT_STOCK', message: 'Only 2' }],
      requestId: ID,
    });
    expect(unexpected).toBe(false);
    expect(toEnvelope(new NotFoundError('Product'), ID).envelope).toEqual(
      expect.objectContaining({
        statusCode: 404,
        error: 'NOT_FOUND',
        message: 'Product not found',
      }),
    );
    expect(toEnvelope(new ConflictError('Stale', 'STALE_VERSION'), ID).envelope.error).toBe(
      'STALE_VERSION',
    );
  });

  it.each([
    [new BadRequestException('bad thing'), 400, 'BAD_REQUEST', 'bad thing'],
    [new ForbiddenException(), 403, 'FORBIDDEN', 'Forbidden'],
    [new NotFoundException('Cannot GET /x'), 404, 'NOT_FOUND', 'Cannot GET /x'],
    [new ThrottlerException(), 429, 'TOO_MANY_REQUESTS', undefined],
  ])('maps Nest HTTP exceptions (%s)', (exception, status, code, message) => {
    const { envelope } = toEnvelope(exception, ID);
    expect(envelope.statusCode).toBe(status);
    expect(envelope.error).toBe(code);
    if (message) expect(envelope.message).toBe(message);
  });

  it('maps body-parser failures to 400 / 413 / 415', () => {
    expect(
      toEnvelope(
        Object.assign(new SyntaxError('Unexpected token'), {
          type: 'entity.parse.failed',
          status: 400,
        }),
        ID,
      ).envelope,
    ).toEqual(expect.objectContaining({ statusCode: 400, error: 'MALFORMED_JSON' }));
    expect(
      toEnvelope(
        Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }),
        ID,
      ).envelope,
    ).toEqual(expect.objectContaining({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' }));
    expect(
      toEnvelope(
        Object.assign(new Error('charset'), { type: 'charset.unsupported', status: 415 }),
        ID,
      ).envelope,
    ).toEqual(expect.objectContaining({ statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' }));
  });

  it('hides 5xx HTTP exception text', () => {
    const { envelope, unexpected } = toEnvelope(
      new HttpException('db password is hunter2', 500),
      ID,
    );
    expect(envelope.message).not.toContain('hunter2');
    expect(unexpected).toBe(true);
  });

  it('turns a unique violation that a service missed into 409 and a bad literal into 400, without SQL', () => {
    const unique = new QueryFailedError(
      'INSERT INTO x',
      [],
      Object.assign(new Error('duplicate key value violates "x_pkey"'), { code: '23505' }),
    );
    const cast = new QueryFailedError(
      'SELECT',
      [],
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
    );
    expect(toEnvelope(unique, ID).envelope).toEqual(
      expect.objectContaining({ statusCode: 409, error: 'CONFLICT' }),
    );
    expect(toEnvelope(cast, ID).envelope).toEqual(expect.objectContaining({ statusCode: 400 }));
    expect(JSON.stringify(toEnvelope(unique, ID).envelope)).not.toMatch(/INSERT|pkey|duplicate/);
  });

  it('answers anything else with a generic 500 that quotes the request id and nothing of the error', () => {
    const { envelope, unexpected } = toEnvelope(
      new TypeError("Cannot read properties of undefined (reading 'secret')"),
      ID,
    );
    expect(envelope).toEqual({
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      message: expect.stringContaining(ID),
      requestId: ID,
    });
    expect(envelope.message).not.toContain('secret');
    expect(unexpected).toBe(true);
    expect(toEnvelope('a thrown string', ID).envelope.statusCode).toBe(500);
  });
});
