import { Body, Controller, Get, HttpStatus, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '../../src/common/auth/public.decorator';
import { DomainError } from '../../src/common/errors/domain-error';

class ProbeLineDto {
  @IsNumber({ maxDecimalPlaces: 3 })
  @Min(0.001)
  quantity!: number;
}

class ProbeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  name!: string;

  @IsOptional()
  @IsInt()
  @Max(10)
  count?: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProbeLineDto)
  lines?: ProbeLineDto[];
}

/**
 * Routes that exist only in tests, to drive the cross-cutting machinery (validation, error
 * mapping) before real feature routes exist. Mounted through createApp's `extraModules`.
 */
@Controller('probe')
class ProbeController {
  constructor(private readonly dataSource: DataSource) {}

  @Public()
  @Post()
  echo(@Body() body: ProbeDto): ProbeDto {
    return body;
  }

  @Public()
  @Get('crash')
  crash(): never {
    throw new Error('secret internal detail at /srv/app/internal.ts:42');
  }

  @Public()
  @Get('sql')
  async sql(): Promise<unknown> {
    return this.dataSource.query('SELECT * FROM table_that_does_not_exist_password_hash');
  }

  /** Declares neither @Public nor a permission: the guards must refuse it to everyone. */
  @Get('undeclared')
  undeclared(): string {
    return 'should never be served';
  }

  @Public()
  @Get('rule')
  rule(): never {
    throw new DomainError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INSUFFICIENT_STOCK',
      'Two lines cannot be fulfilled',
      [
        { line: 0, error: 'INSUFFICIENT_STOCK', message: 'Only 3 on hand' },
        { line: 2, error: 'BATCH_EXPIRED', message: 'Batch L-7 expired on 2026-11-01' },
      ],
    );
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
