import { batchFilters, batchListParams, readBatchListState, withinDays } from './batch-query';

describe('batch list query', () => {
  it('turns the filter values into the API query, leaving out the empty ones', () => {
    expect(
      batchFilters({
        status: 'caution',
        expiringWithinDays: ' 7 ',
        productId: 'p-1',
        warehouseId: 'wh-1',
        search: '  L-20 ',
      }),
    ).toEqual({
      status: 'caution',
      expiringWithinDays: 7,
      productId: 'p-1',
      warehouseId: 'wh-1',
      search: 'L-20',
    });
    expect(
      batchFilters({
        status: '',
        expiringWithinDays: '',
        productId: '',
        warehouseId: '',
        search: ' ',
      }),
    ).toEqual({
      status: undefined,
      expiringWithinDays: undefined,
      productId: undefined,
      warehouseId: undefined,
      search: undefined,
    });
  });

  it('accepts 0 to 3650 whole days for "expiring within", and ignores anything else', () => {
    expect(withinDays('0')).toBe(0);
    expect(withinDays('3650')).toBe(3650);
    expect(withinDays('3651')).toBeUndefined();
    expect(withinDays('-1')).toBeUndefined();
    expect(withinDays('2.5')).toBeUndefined();
    expect(withinDays('soon')).toBeUndefined();
  });

  it('reads its state back from the URL, dropping unknown values', () => {
    expect(
      readBatchListState({
        status: 'expired',
        expiringWithinDays: '14',
        productId: 'p-1',
        page: '2',
        sort: '-receivedAt',
      }),
    ).toEqual({
      filters: {
        status: 'expired',
        expiringWithinDays: '14',
        productId: 'p-1',
        warehouseId: '',
        search: '',
      },
      table: { page: 2, limit: undefined, sort: '-receivedAt' },
    });
    const odd = readBatchListState({ status: 'mouldy', expiringWithinDays: 'x', sort: 'price' });
    expect(odd.filters.status).toBe('');
    expect(odd.filters.expiringWithinDays).toBe('');
    expect(odd.table.sort).toBeUndefined();
  });

  it('mirrors a query in the URL without its defaults', () => {
    expect(
      batchListParams({
        status: 'fresh',
        expiringWithinDays: 0,
        page: 1,
        limit: 50,
        sort: 'expiresAt',
      }),
    ).toEqual({
      status: 'fresh',
      expiringWithinDays: 0,
      productId: null,
      warehouseId: null,
      search: null,
      page: null,
      limit: null,
      sort: null,
    });
    expect(batchListParams({ page: 3, limit: 25, sort: '-expiresAt' })).toMatchObject({
      page: 3,
      limit: 25,
      sort: '-expiresAt',
    });
  });
});
