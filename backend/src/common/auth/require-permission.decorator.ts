import { SetMetadata } from '@nestjs/common';
import { Permission } from '@stockmaster/contracts';

export const REQUIRED_PERMISSION = 'requiredPermission';
/** Marks routes any signed-in user may call (their own profile, for instance). */
export const ANY_SIGNED_IN = 'anySignedIn';

/**
 * Every non-public route declares what it needs; the global PermissionsGuard refuses a route
 * that declares nothing, so a forgotten decorator fails closed.
 */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/** For routes open to every role, as long as the caller is signed in. */
export const AnySignedIn = () => SetMetadata(ANY_SIGNED_IN, true);
