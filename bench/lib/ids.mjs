/**
 * SQL for a time-ordered id (UUID version 7) of the instant `at`: its milliseconds, then random
 * bits — what the API's `timeOrderedId` gives operations and their lines, for rows the benchmark
 * writes in SQL (pgbench's posting, the grown ledger).
 */
export const timeOrderedIdSql = (at) =>
  `overlay(overlay(replace(gen_random_uuid()::text, '-', '')
                   placing lpad(to_hex(floor(extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') FROM 1 FOR 12)
           placing '7' FROM 13 FOR 1)::uuid`;
