import { isUUID } from 'class-validator';
import { timeOrderedId } from './time-ordered-id';

describe('timeOrderedId', () => {
  it('is a version 7 UUID that every id check of the API accepts', () => {
    const id = timeOrderedId();
    expect(isUUID(id, 7)).toBe(true);
    expect(isUUID(id)).toBe(true);
  });

  it('carries its millisecond in its first 48 bits', () => {
    const at = Date.UTC(2026, 11, 1, 13, 45, 6, 789);
    expect(parseInt(timeOrderedId(at).replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts a later id after an earlier one, as text and as PostgreSQL orders uuids', () => {
    const earlier = Date.UTC(2026, 0, 1);
    const ids = [earlier + 1, earlier + 2, earlier + 1_000, earlier + 86_400_000].map((t) =>
      timeOrderedId(t),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids of the same millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 1_000 }, () => timeOrderedId(at)));
    expect(ids.size).toBe(1_000);
  });
});
