import { operationApiQuery, operationListParams, readOperationListState } from './operation-query';

describe('operation list query', () => {
  it('reads filters, page and sort from the URL, ignoring what it does not understand', () => {
    const state = readOperationListState({
      type: 'receipt',
      status: 'exploded',
      warehouseId: 'wh-1',
      productId: 'p-1',
      from: '2026-03-01',
      to: '2026-02-31',
      search: ' ACME ',
      page: '2',
      limit: 'x',
      sort: '-password',
    });
    expect(state.filters).toEqual({
      type: 'receipt',
      status: undefined,
      warehouseId: 'wh-1',
      productId: 'p-1',
      from: '2026-03-01',
      to: undefined,
      search: 'ACME',
    });
    expect(state.table).toEqual({ page: 2, limit: undefined, sort: undefined });
    expect(readOperationListState({ sort: '-doneAt' }).table.sort).toBe('-doneAt');
  });

  it('writes the query back to the URL, leaving defaults out', () => {
    expect(operationListParams({ type: 'delivery', status: 'draft', page: 1, limit: 50 })).toEqual({
      type: 'delivery',
      status: 'draft',
      warehouseId: null,
      productId: null,
      from: null,
      to: null,
      search: null,
      page: null,
      limit: null,
      sort: null,
    });
    expect(
      operationListParams({ search: 'MAIN/IN', page: 3, limit: 25, sort: 'reference' }),
    ).toEqual(
      expect.objectContaining({ search: 'MAIN/IN', page: 3, limit: 25, sort: 'reference' }),
    );
  });

  it('sends whole local days to the API as instants: from their start to the next day', () => {
    const query = operationApiQuery({ from: '2026-03-01', to: '2026-03-31', page: 1, limit: 50 });
    expect(query.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(query.to).toBe(new Date(2026, 3, 1).toISOString());
    expect(operationApiQuery({ page: 1, limit: 50 }).from).toBeUndefined();
    expect(operationApiQuery({ productId: 'p-1', page: 1, limit: 50 }).productId).toBe('p-1');
  });
});
