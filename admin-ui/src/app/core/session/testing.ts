import {
  LoginResponse,
  Role,
  SESSION_HINT_COOKIE,
  isWarehouseScoped,
} from '@stockmaster/contracts';

/** A login answer for `role`, for specs. */
export function loginResponse(role: Role = 'admin', token = `token-${role}`): LoginResponse {
  return {
    accessToken: token,
    tokenType: 'Bearer',
    expiresIn: 1800,
    user: {
      id: `${role}-id`,
      email: `${role}@example.com`,
      fullName: `Alex ${role[0].toUpperCase()}${role.slice(1)}`,
      role,
      warehouseIds: isWarehouseScoped(role) ? ['wh-1'] : [],
    },
  };
}

/**
 * Sets (or clears) the server's readable hint that this browser holds a refresh cookie, which
 * `Session.restore` looks for before it asks the server, for specs.
 */
export function holdSessionHint(held = true): void {
  document.cookie = held
    ? `${SESSION_HINT_COOKIE}=1; path=/`
    : `${SESSION_HINT_COOKIE}=; path=/; max-age=0`;
}
