import { BatchErrorCode } from '@stockmaster/contracts';
import { ConflictError, ValidationError } from '../../common/errors/domain-error';
import { PG_CHECK_VIOLATION, PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';

/**
 * Runs a write to the batches table and answers what the table refuses as the client's mistake
 * it is: a code the product already has (409), dates that contradict (400). Anything else
 * passes through.
 */
export async function batchRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      pgCode(error) === PG_UNIQUE_VIOLATION &&
      pgConstraint(error) === 'batches_code_per_product'
    ) {
      throw new ConflictError(
        'This product already has a batch with this code',
        BatchErrorCode.CodeTaken,
      );
    }
    // A concurrent change of the other date can still make them contradict: the table refuses.
    if (
      pgCode(error) === PG_CHECK_VIOLATION &&
      pgConstraint(error)?.startsWith('batches_produced_')
    )
      throw new ValidationError([
        { field: 'producedAt', message: 'The production date is after the receipt or expiry date' },
      ]);
    throw error;
  }
}
