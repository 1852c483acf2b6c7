import { LoginResponse, Role, isWarehouseScoped } from '@stockmaster/contracts';

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
