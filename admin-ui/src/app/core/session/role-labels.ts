import { Role, UserStatus } from '@stockmaster/contracts';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Administrator',
  manager: 'Manager',
  agent: 'Warehouse agent',
  viewer: 'Viewer',
};

export const STATUS_LABELS: Readonly<Record<UserStatus, string>> = {
  invited: 'Invited',
  active: 'Active',
  disabled: 'Disabled',
};

/** Material Symbols for each status: status is never told by colour alone. */
export const STATUS_ICONS: Readonly<Record<UserStatus, string>> = {
  invited: 'mail',
  active: 'check_circle',
  disabled: 'block',
};
