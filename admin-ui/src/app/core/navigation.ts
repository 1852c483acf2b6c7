import { Permission } from '@stockmaster/contracts';

import { FEATURES, Feature } from './features';

/** One entry of the shell's side navigation. */
export interface NavItem {
  label: string;
  /** A Material Symbols ligature name. */
  icon: string;
  /** Absolute router path. */
  route: string;
  /** The permission needed to see the entry; omitted when everyone may. */
  permission?: Permission;
  /** Match the route exactly when marking the entry active (for `/`). */
  exact?: boolean;
}

/** A feature's menu entry: the same permission as the feature's route guard. */
export function navItem(feature: Feature): NavItem {
  return {
    label: feature.label,
    icon: feature.icon,
    route: `/${feature.path}`,
    ...(feature.permission ? { permission: feature.permission } : {}),
    ...(feature.path === '' ? { exact: true } : {}),
  };
}

/** The console's menu, in the order of {@link FEATURES}. */
export const NAV_ITEMS: readonly NavItem[] = FEATURES.filter((feature) => feature.nav).map(navItem);

/** The entries the user may see, given a permission check. */
export function visibleNavItems(
  items: readonly NavItem[],
  can: (permission: Permission) => boolean,
): NavItem[] {
  return items.filter((item) => !item.permission || can(item.permission));
}
