export const Role = {
  Admin: 'admin',
  Manager: 'manager',
  Agent: 'agent',
  Viewer: 'viewer',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export const UserStatus = {
  Invited: 'invited',
  Active: 'active',
  Disabled: 'disabled',
} as const;
export type UserStatus = (typeof UserStatus)[keyof typeof UserStatus];
export const USER_STATUSES: readonly UserStatus[] = Object.values(UserStatus);
