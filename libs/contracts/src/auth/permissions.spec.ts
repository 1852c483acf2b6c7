import {
  can,
  canOperate,
  isWarehouseScoped,
  Permission,
  REVERSAL_PERMISSION,
  ROLE_PERMISSIONS,
} from './permissions';
import { passwordProblem } from './auth';

describe('the role matrix', () => {
  it('reserves users, audit log and integrity to admins', () => {
    for (const permission of [
      Permission.UsersManage,
      Permission.AuditRead,
      Permission.IntegrityRead,
    ]) {
      expect(
        ['admin', 'manager', 'agent', 'viewer'].filter((role) => can(role as never, permission)),
      ).toEqual(['admin']);
    }
  });

  it('lets admins and managers write the catalog, warehouses, batches and every operation', () => {
    for (const permission of [
      Permission.CatalogWrite,
      Permission.WarehousesWrite,
      Permission.BatchesWrite,
      Permission.OperationsAdjust,
    ]) {
      expect(can('admin', permission) && can('manager', permission)).toBe(true);
      expect(can('agent', permission) || can('viewer', permission)).toBe(false);
    }
  });

  it('lets agents move stock (receipts, deliveries, transfers) but viewers only read', () => {
    expect(can('agent', Permission.OperationsWrite)).toBe(true);
    expect(can('viewer', Permission.OperationsWrite)).toBe(false);
    expect(ROLE_PERMISSIONS.viewer.every((permission) => permission.endsWith('.read'))).toBe(true);
  });

  it('grants nothing without a role', () => {
    expect(can(undefined, Permission.CatalogRead)).toBe(false);
  });

  it('lets agents handle receipts, deliveries and transfers, never counts, scrap or reversals', () => {
    expect(
      ['receipt', 'delivery', 'transfer'].every((type) => canOperate('agent', type as never)),
    ).toBe(true);
    expect(canOperate('agent', 'adjustment') || canOperate('agent', 'scrap')).toBe(false);
    expect(can('agent', REVERSAL_PERMISSION)).toBe(false);
    expect(canOperate('manager', 'scrap') && can('manager', REVERSAL_PERMISSION)).toBe(true);
    expect(canOperate('viewer', 'receipt')).toBe(false);
  });

  it('limits agents, and only agents, to their assigned warehouses', () => {
    expect(
      (['admin', 'manager', 'agent', 'viewer'] as const).filter((role) => isWarehouseScoped(role)),
    ).toEqual(['agent']);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['short', 'at least 10'],
    ['ana@example.com', 'email'],
    ['ANA@EXAMPLE.COM ', 'email'],
    ['€'.repeat(25), '72 bytes'],
  ])('refuses %j (%s)', (password, reason) => {
    expect(passwordProblem(password, 'ana@example.com')).toContain(reason);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple', 'ana@example.com')).toBeNull();
  });
});
