import { productFilters, productListParams, readProductListState } from './product-query';

describe('the product list in the URL', () => {
  it('reads filters, page, size and sort, ignoring values it does not know', () => {
    expect(
      readProductListState({
        search: 'apple',
        categoryId: 'c-1',
        tracking: 'batch',
        active: 'all',
        page: '3',
        limit: '25',
        sort: '-updatedAt',
      }),
    ).toEqual({
      search: 'apple',
      categoryId: 'c-1',
      tracking: 'batch',
      active: 'all',
      table: { page: 3, limit: 25, sort: '-updatedAt' },
    });

    expect(
      readProductListState({ tracking: 'fifo', active: 'maybe', page: '-2', sort: 'price' }),
    ).toEqual({
      search: '',
      categoryId: '',
      tracking: '',
      active: 'true',
      table: { page: undefined, limit: undefined, sort: undefined },
    });
  });

  it('shows active products by default and sends the status as the API’s active flag', () => {
    expect(productFilters('', '', '', 'true')).toEqual({
      search: undefined,
      categoryId: undefined,
      tracking: undefined,
      active: true,
    });
    expect(productFilters('beef', 'c-1', 'none', 'false').active).toBe(false);
    expect(productFilters('', '', '', 'all').active).toBeUndefined();
  });

  it('writes back only what differs from the defaults, and reads back the same list', () => {
    const params = productListParams({
      search: 'beef',
      active: undefined,
      page: 2,
      limit: 50,
      sort: 'sku',
    });
    expect(params).toEqual({
      search: 'beef',
      categoryId: null,
      tracking: null,
      active: 'all',
      page: 2,
      limit: null,
      sort: 'sku',
    });

    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
    const state = readProductListState(defined);
    expect(state.active).toBe('all');
    expect(state.table).toEqual({ page: 2, limit: undefined, sort: 'sku' });
    expect(productListParams({ active: true, page: 1, limit: 50 })).toEqual(
      expect.objectContaining({ active: null, page: null }),
    );
  });
});
