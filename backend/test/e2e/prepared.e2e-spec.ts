import { DataSource, QueryFailedError } from 'typeorm';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../src/common/sql';
import { preparedQuery } from '../../src/database/prepared';
import { startTestApp, TestApp } from '../setup/test-app';

describe('prepared statements', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const find = (id: string) =>
    preparedQuery<{ code: string }>(
      dataSource.manager,
      `SELECT code FROM warehouses WHERE id = $1`,
      [id],
    );

  it('runs a statement many times, with other values each time, over the pool', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const [row] = await preparedQuery<{ id: string }>(
        dataSource.manager,
        `INSERT INTO warehouses (code, name) VALUES ($1, $2) RETURNING id`,
        [`PR${i}`, `Prepared ${i}`],
      );
      ids.push(row.id);
    }
    const found = await Promise.all(ids.map(find));
    expect(found.map(([row]) => row.code)).toEqual(ids.map((_, i) => `PR${i}`));
  });

  it('runs inside the transaction of its manager', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        const [row] = await preparedQuery<{ id: string }>(
          manager,
          `INSERT INTO warehouses (code, name) VALUES ($1, $2) RETURNING id`,
          ['PRTX', 'In a transaction'],
        );
        expect(
          await preparedQuery(manager, `SELECT code FROM warehouses WHERE id = $1`, [row.id]),
        ).toEqual([{ code: 'PRTX' }]);
        expect(await find(row.id)).toEqual([]); // not committed: invisible to the pool
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { rows } = await t.db.query(`SELECT 1 FROM warehouses WHERE code = 'PRTX'`);
    expect(rows).toEqual([]);
  });

  it('fails as manager.query does, with the SQLSTATE and constraint readable', async () => {
    const insert = () =>
      preparedQuery(dataSource.manager, `INSERT INTO warehouses (code, name) VALUES ($1, $2)`, [
        'PRDUP',
        'Twice',
      ]);
    await insert();
    const error = await insert().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(pgCode(error)).toBe(PG_UNIQUE_VIOLATION);
    expect(pgConstraint(error)).toMatch(/code/);
  });
});
