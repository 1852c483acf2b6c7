import { ApiProperty } from '@nestjs/swagger';
import { Freshness, FRESHNESS_STATUSES, FreshnessStatus } from '@stockmaster/contracts';

/**
 * A batch's freshness today. On its own file: the stock level rows use it too, and importing it
 * from the batch responses (which import the stock responses) would make a cycle that leaves a
 * class undefined while Swagger reads the decorators.
 */
export class FreshnessDto implements Freshness {
  @ApiProperty({ enum: FRESHNESS_STATUSES, enumName: 'FreshnessStatus' })
  status!: FreshnessStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'Days since received' })
  daysOnShelf!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Days left until expiry (negative once past; null when it does not expire)',
  })
  daysToExpiry!: number | null;
}
