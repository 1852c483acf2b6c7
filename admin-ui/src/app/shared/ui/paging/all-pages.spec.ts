import { Page } from '@stockmaster/contracts';
import { firstValueFrom, of } from 'rxjs';

import { fetchAllPages } from './all-pages';

describe('fetchAllPages', () => {
  it('asks page after page at the largest size until it has them all', async () => {
    const asked: string[] = [];
    const rows = Array.from({ length: 450 }, (_, i) => i);
    const load = (page: number, limit: number) => {
      asked.push(`${page}/${limit}`);
      const data = rows.slice((page - 1) * limit, page * limit);
      return of<Page<number>>({ data, meta: { page, limit, total: rows.length } });
    };

    const all = await firstValueFrom(fetchAllPages(load));

    expect(asked).toEqual(['1/200', '2/200', '3/200']);
    expect(all).toEqual(rows);
  });

  it('stops on an empty page even if the total says otherwise', async () => {
    let calls = 0;
    const load = (page: number, limit: number) => {
      calls++;
      return of<Page<number>>({ data: [], meta: { page, limit, total: 999 } });
    };

    expect(await firstValueFrom(fetchAllPages(load))).toEqual([]);
    expect(calls).toBe(1);
  });
});
