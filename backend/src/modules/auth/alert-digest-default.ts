import { AlertDigestChoice, Role } from '@stockmaster/contracts';

/**
 * Who gets the daily digest without having chosen: the people who act on what it says (admins
 * and managers), not agents and viewers. Stored as null, so a role change moves the default.
 */
export const ROLE_ALERT_DIGEST: Readonly<Record<Role, AlertDigestChoice>> = {
  admin: 'daily',
  manager: 'daily',
  agent: 'off',
  viewer: 'off',
};

export function alertDigestOf(row: {
  role: Role;
  alert_digest: AlertDigestChoice | null;
}): AlertDigestChoice {
  return row.alert_digest ?? ROLE_ALERT_DIGEST[row.role];
}

/** The same resolution in SQL, for the users table under `alias`. */
export function alertDigestSql(alias: string): string {
  const daily = (Object.keys(ROLE_ALERT_DIGEST) as Role[])
    .filter((role) => ROLE_ALERT_DIGEST[role] === 'daily')
    .map((role) => `'${role}'`)
    .join(', ');
  return `coalesce(${alias}.alert_digest, CASE WHEN ${alias}.role IN (${daily}) THEN 'daily' ELSE 'off' END)`;
}
