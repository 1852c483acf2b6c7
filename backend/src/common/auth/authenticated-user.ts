import { Role } from '@stockmaster/contracts';

/** The caller of a request, re-read from the database on every request (see JwtStrategy). */
export interface AuthenticatedUser {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  warehouseIds: string[];
  tokenVersion: number;
}
