import { Role } from '@stockmaster/contracts';
import { NotFoundError } from '../errors/domain-error';
import { AuthenticatedUser } from './authenticated-user';
import { WarehouseScope } from './warehouse-scope';

const user = (role: Role, warehouseIds: string[] = []): AuthenticatedUser => ({
  id: 'u',
  email: 'u@example.com',
  fullName: 'U',
  role,
  warehouseIds,
  tokenVersion: 0,
});

describe('WarehouseScope', () => {
  const scope = new WarehouseScope();

  it('limits an agent to the assigned warehouses', () => {
    const agent = user('agent', ['w1', 'w2']);
    expect(scope.visibleWarehouseIds(agent)).toEqual(['w1', 'w2']);
    expect(scope.canUse(agent, 'w1')).toBe(true);
    expect(scope.canUse(agent, 'w3')).toBe(false);
  });

  it.each(['admin', 'manager', 'viewer'] as const)('lets a %s see every warehouse', (role) => {
    expect(scope.visibleWarehouseIds(user(role))).toBeNull();
    expect(scope.canUse(user(role), 'anything')).toBe(true);
  });

  it('answers another warehouse’s object as not found, never as forbidden', () => {
    expect(() => scope.assertVisible(user('agent', ['w1']), 'w2', 'Operation')).toThrow(
      NotFoundError,
    );
    expect(() => scope.assertVisible(user('agent', ['w1']), null, 'Operation')).toThrow(
      NotFoundError,
    );
    expect(() => scope.assertVisible(user('agent', ['w1']), 'w1', 'Operation')).not.toThrow();
  });

  it('builds a parameterised SQL condition for agents and TRUE for others', () => {
    const params: unknown[] = ['first'];
    expect(scope.sqlCondition(user('agent', ['w1']), 'o.warehouse_id', params)).toBe(
      'o.warehouse_id = ANY($2::uuid[])',
    );
    expect(params).toEqual(['first', ['w1']]);
    expect(scope.sqlCondition(user('manager'), 'o.warehouse_id', params)).toBe('TRUE');
  });
});
