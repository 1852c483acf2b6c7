import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorDetail, ErrorEnvelope } from '@stockmaster/contracts';

export class ErrorDetailDto implements ErrorDetail {
  @ApiPropertyOptional({
    example: 'lines.2.quantity',
    description: 'Dotted path of the offending field',
  })
  field?: string;

  @ApiPropertyOptional({
    example: 2,
    description: 'Zero-based line index of a per-line business error',
  })
  line?: number;

  @ApiPropertyOptional({ example: 'INSUFFICIENT_STOCK' })
  error?: string;

  @ApiProperty({ example: 'quantity must be a positive number' })
  message!: string;
}

/** The one error shape of the API (documented once, referenced by every error response). */
export class ErrorEnvelopeDto implements ErrorEnvelope {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Machine-readable error code' })
  error!: string;

  @ApiProperty({ example: 'The request has invalid fields' })
  message!: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];

  @ApiProperty({
    example: '2f1c7d0e-9a51-4a7e-8a0c-2a7e4c1f9b10',
    description: 'Same as the X-Request-Id header',
  })
  requestId!: string;
}
