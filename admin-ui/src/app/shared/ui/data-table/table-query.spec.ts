import { clampLimit, clampPage, filtersKey, sameQuery, toHttpParams } from './table-query';

describe('table query helpers', () => {
  it('builds query parameters without empty values and repeats arrays', () => {
    const params = toHttpParams({
      page: 2,
      limit: 25,
      sort: '-name',
      q: '',
      category: undefined,
      active: false,
      status: ['fresh', 'caution'],
    });

    expect(params.toString()).toBe(
      'page=2&limit=25&sort=-name&active=false&status=fresh&status=caution',
    );
  });

  it('keeps the page size within what the API accepts', () => {
    expect(clampLimit(undefined)).toBe(50);
    expect(clampLimit(0)).toBe(50);
    expect(clampLimit(25)).toBe(25);
    expect(clampLimit(500)).toBe(200);
    expect(clampPage(-1)).toBe(1);
    expect(clampPage(Number.NaN)).toBe(1);
    expect(clampPage(4)).toBe(4);
  });

  it('treats filters with the same values in another order, or with empty ones, as equal', () => {
    expect(filtersKey({ a: 1, b: 'x' })).toBe(filtersKey({ b: 'x', a: 1, c: '' }));
    expect(sameQuery({ page: 1, limit: 50 }, { page: 1, limit: 50, sort: undefined })).toBe(true);
    expect(sameQuery({ page: 1, limit: 50 }, { page: 1, limit: 50, sort: 'name' })).toBe(false);
  });
});
