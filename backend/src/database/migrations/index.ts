import { Init1764030000000 } from './1764030000000-init';
import { Accounts1764031000000 } from './1764031000000-accounts';
import { CatalogWarehouses1764032000000 } from './1764032000000-catalog-warehouses';
import { Stock1764033000000 } from './1764033000000-stock';
import { Batches1764034000000 } from './1764034000000-batches';
import { NumberingAtCommit1764035000000 } from './1764035000000-numbering-at-commit';
import { DraftFlagsBatchDates1764036000000 } from './1764036000000-draft-flags-batch-dates';
import { AuthHardening1764038000000 } from './1764038000000-auth-hardening';
import { AlertDigest1764040000000 } from './1764040000000-alert-digest';
import { DashboardIndexes1764040100000 } from './1764040100000-dashboard-indexes';
import { OnHandIndexes1764040200000 } from './1764040200000-on-hand-indexes';
import { BatchStatus1764042000000 } from './1764042000000-batch-status';
import { StockSnapshots1764044000000 } from './1764044000000-stock-snapshots';
import { UserChangeNotify1764044100000 } from './1764044100000-user-change-notify';
import { ExpiredBatchTrigger1764045000000 } from './1764045000000-expired-batch-trigger';
import { BatchesIdExpiry1764046000000 } from './1764046000000-batches-id-expiry';
import { StockSummaries1764047000000 } from './1764047000000-stock-summaries';
import { LevelPageOrder1764048000000 } from './1764048000000-level-page-order';
import { LedgerChecksPerStatement1764049000000 } from './1764049000000-ledger-checks-per-statement';
import { LevelCounts1764050000000 } from './1764050000000-level-counts';
import { HotLevelUpdates1764051000000 } from './1764051000000-hot-level-updates';
import { OneLedgerTimeIndex1764053000000 } from './1764053000000-one-ledger-time-index';
import { SearchNumberedOperations1764052000000 } from './1764052000000-search-numbered-operations';
import { LineAndLevelChecksPerStatement1764054000000 } from './1764054000000-line-and-level-checks-per-statement';

/**
 * Every migration, in order. Listed explicitly rather than globbed so that the compiled app,
 * the ts-jest test harness and the CLI data source all run exactly the same set.
 */
export const MIGRATIONS = [
  Init1764030000000,
  Accounts1764031000000,
  CatalogWarehouses1764032000000,
  Stock1764033000000,
  Batches1764034000000,
  NumberingAtCommit1764035000000,
  DraftFlagsBatchDates1764036000000,
  AuthHardening1764038000000,
  AlertDigest1764040000000,
  DashboardIndexes1764040100000,
  OnHandIndexes1764040200000,
  BatchStatus1764042000000,
  StockSnapshots1764044000000,
  UserChangeNotify1764044100000,
  ExpiredBatchTrigger1764045000000,
  BatchesIdExpiry1764046000000,
  StockSummaries1764047000000,
  LevelPageOrder1764048000000,
  LedgerChecksPerStatement1764049000000,
  LevelCounts1764050000000,
  HotLevelUpdates1764051000000,
  SearchNumberedOperations1764052000000,
  OneLedgerTimeIndex1764053000000,
  LineAndLevelChecksPerStatement1764054000000,
];
