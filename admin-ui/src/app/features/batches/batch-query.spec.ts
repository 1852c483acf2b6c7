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
        alert: '',
      }),
    ).toEqual({
      status: 'caution',
      expiringWithinDays: 7,
      productId: 'p-1',
      warehouseId: 'wh-1',
      search: 'L-20',
      expired: undefined,
      expiring: undefined,
      blocked: undefined,
    });
    expect(
      batchFilters({
        status: '',
        expiringWithinDays: '',
        productId: '',
        warehouseId: '',
        search: ' ',
        alert: '',
      }),
    ).toEqual({
      status: undefined,
      expiringWithinDays: undefined,
      productId: undefined,
      warehouseId: undefined,
      search: undefined,
      expired: undefined,
      expiring: undefined,
      blocked: undefined,
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
        alert: '',
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
      expired: null,
      expiring: null,
      blocked: null,
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

  it("carries a dashboard card's filter (expired or expiring stock on hand) from the URL to the API and back", () => {
    const expired = readBatchListState({ expired: 'true', warehouseId: 'wh-1' });
    expect(expired.filters).toMatchObject({ alert: 'expired', warehouseId: 'wh-1' });
    expect(batchFilters(expired.filters)).toMatchObject({ expired: true, expiring: undefined });
    expect(readBatchListState({ expiring: 'true' }).filters.alert).toBe('expiring');
    expect(readBatchListState({ expired: 'yes' }).filters.alert).toBe('');
    expect(batchListParams({ expiring: true, page: 1, limit: 50 })).toMatchObject({
      expired: null,
      expiring: 'true',
    });
  });

  it('carries the blocked-batches card filter (quarantined or recalled, on hand) from the URL to the API and back', () => {
    const blocked = readBatchListState({ blocked: 'true', warehouseId: 'wh-1' });
    expect(blocked.filters).toMatchObject({ alert: 'blocked', warehouseId: 'wh-1' });
    expect(batchFilters(blocked.filters)).toMatchObject({
      blocked: true,
      expired: undefined,
      expiring: undefined,
    });
    expect(readBatchListState({ blocked: '1' }).filters.alert).toBe('');
    expect(batchListParams({ blocked: true, page: 1, limit: 50 })).toMatchObject({
      blocked: 'true',
      expired: null,
      expiring: null,
    });
  });
});
