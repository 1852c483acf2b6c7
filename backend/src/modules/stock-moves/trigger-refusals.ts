import { StockErrorCode } from '@stockmaster/contracts';
import { pgConstraint } from '../../common/sql';
import { BusinessRuleError } from '../../common/errors/domain-error';

// The ledger's triggers refuse what the line checks refuse, for changes that commit between a
// posting's checks and its moves; these turn their errors into the same 422 answers.

/**
 * The ledger's own refusal of an expired batch on its way to a customer — the day changed
 * between a posting's checks and its moves — thrown as the 422 the line checks give.
 */
export function expiredBatchRefusal(error: unknown): void {
  if (pgConstraint(error) !== 'stock_moves_batch_expired') return;
  const batch = triggerDetail<{ code?: string; expiresAt?: string }>(error);
  throw new BusinessRuleError(
    `Batch ${batch.code ?? ''} expired on ${batch.expiresAt ?? 'its expiry date'}: it cannot be delivered`,
    undefined,
    StockErrorCode.BatchExpired,
  );
}

/** The JSON a stock trigger puts in its error's DETAIL ({} when unreadable). */
function triggerDetail<T>(error: unknown): T {
  const e = error as { driverError?: { detail?: string }; detail?: string };
  try {
    return JSON.parse(e.driverError?.detail ?? e.detail ?? '{}') as T;
  } catch {
    // the triggers always write JSON; an unreadable detail only makes the message vaguer
    return {} as T;
  }
}

/**
 * The ledger's own refusal of a quarantined or recalled batch — a status change that committed
 * between a posting's checks and its moves — thrown as the 422 the line checks give.
 */
export function blockedBatchRefusal(error: unknown): void {
  if (pgConstraint(error) !== 'stock_moves_batch_blocked') return;
  const batch = triggerDetail<{ code?: string; status?: string }>(error);
  throw new BusinessRuleError(
    `Batch ${batch.code ?? ''} is ${batch.status ?? 'blocked'}: it is never delivered nor transferred (only counted or scrapped)`,
    undefined,
    StockErrorCode.BatchBlocked,
  );
}
