import { AuthUser, passwordProblem } from '@stockmaster/contracts';
import { ValidationError } from '../../common/errors/domain-error';
import { UserRow } from './users.repository';

/** Refuses a password that breaks the shared rule, naming the field it came in. */
export function assertAcceptablePassword(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ValidationError([{ field, message: problem }]);
}

export function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    warehouseIds: row.warehouse_ids,
  };
}
