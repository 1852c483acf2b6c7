import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './generated/api';

/** One answer of the server, for the test to check against the document's schema. */
export interface Answer {
  method: string;
  /** The document's path template, e.g. `/api/v1/operations/{id}/validate`. */
  path: string;
  status: number;
  body: unknown;
}

/** What an openapi-fetch call gives back; the scenario stops at the first error. */
interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function must<T>(step: string, result: Result<T>): T {
  if (result.data === undefined || result.error !== undefined) {
    throw new Error(
      `${step}: ${result.response.status} ${JSON.stringify(result.error ?? 'no body')}`,
    );
  }
  return result.data;
}

/**
 * A first day with StockMaster, written the way an integrator would write it against the types
 * openapi-typescript generates from the served document — plain values, numbers where the
 * server accepts them, defaults left out, and not one type assertion. The test compiles it with
 * `tsc --strict` and runs it against a fresh server.
 */
export async function firstDay(baseUrl: string, answers: Answer[]): Promise<void> {
  const record: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const type = response.headers.get('content-type') ?? '';
      const body: unknown = type.includes('application/json')
        ? await response.clone().json()
        : null;
      answers.push({ method: request.method, path: schemaPath, status: response.status, body });
    },
  };
  const anonymous = createClient<paths>({ baseUrl });
  anonymous.use(record);

  const email = 'owner@example.com';
  const password = 'a-long-enough-password';
  must(
    'setup',
    await anonymous.POST('/api/v1/auth/setup', {
      body: { email, password, fullName: 'Olga Owner' },
    }),
  );
  const session = must(
    'login',
    await anonymous.POST('/api/v1/auth/login', { body: { email, password } }),
  );

  const api = createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${session.accessToken}` },
  });
  api.use(record);

  const me = must('me', await api.GET('/api/v1/auth/me'));
  const warehouse = must(
    'warehouse',
    await api.POST('/api/v1/warehouses', { body: { code: 'MAIN', name: 'Main warehouse' } }),
  );
  const milk = must(
    'batch-tracked product',
    await api.POST('/api/v1/products', {
      body: { sku: 'MILK-1L', name: 'Milk 1 l', unit: 'l', tracking: 'batch', shelfLifeDays: 10 },
    }),
  );
  const crate = must(
    'plain product',
    await api.POST('/api/v1/products', { body: { sku: 'CRATE', name: 'Crate', unit: 'unit' } }),
  );

  const receipt = must(
    'receipt',
    await api.POST('/api/v1/operations', {
      body: {
        type: 'receipt',
        warehouseId: warehouse.id,
        partner: 'Dairy Co',
        lines: [
          { productId: milk.id, quantity: 24, batch: { code: 'L-0001', expiresAt: '2099-12-31' } },
          { productId: crate.id, quantity: '5' },
        ],
      },
    }),
  );
  const validated = must(
    'validate',
    await api.POST('/api/v1/operations/{id}/validate', {
      params: { path: { id: receipt.id } },
    }),
  );
  if (validated.status !== 'done' || validated.moves.length !== 2) {
    throw new Error(`validate: ${validated.status} with ${validated.moves.length} moves`);
  }
  const batchId = validated.lines[0].batch?.id;
  if (!batchId) throw new Error('validate: the receipt line has no batch');

  const delivery = must(
    'one-line delivery',
    await api.POST('/api/v1/stock-moves', {
      body: { type: 'delivery', productId: milk.id, quantity: 3, warehouseId: warehouse.id },
    }),
  );
  if (delivery.move.quantity !== '3') throw new Error(`delivery moved ${delivery.move.quantity}`);

  const levels = must(
    'levels',
    await api.GET('/api/v1/stock-levels', { params: { query: { warehouseId: warehouse.id } } }),
  );
  const milkLevel = levels.data.find((level) => level.product.id === milk.id);
  if (milkLevel?.quantity !== '21') throw new Error(`milk on hand: ${milkLevel?.quantity}`);

  const summary = must('summary', await api.GET('/api/v1/stock-levels/summary'));
  if (summary.meta.total < 2) throw new Error(`summary rows: ${summary.meta.total}`);

  const ledger = must('ledger', await api.GET('/api/v1/stock-moves', { params: { query: {} } }));
  if (ledger.data.length !== 3) throw new Error(`ledger moves: ${ledger.data.length}`);

  const integrity = must('integrity', await api.GET('/api/v1/stock/integrity'));
  if (!integrity.ok) throw new Error('integrity: not ok');

  const batches = must('batches', await api.GET('/api/v1/batches'));
  if (batches.data[0]?.freshness.status !== 'fresh') throw new Error('batches: not fresh');
  const batch = must(
    'batch',
    await api.GET('/api/v1/batches/{id}', { params: { path: { id: batchId } } }),
  );
  if (batch.moves.length !== 2) throw new Error(`batch moves: ${batch.moves.length}`);
  const trace = must(
    'batch trace',
    await api.GET('/api/v1/batches/{id}/trace', { params: { path: { id: batchId } } }),
  );
  // The route also answers CSV (`?format=csv`); without it the answer is JSON.
  if (typeof trace === 'string') throw new Error('batch trace: CSV where JSON was asked');
  if (trace.totals.received !== '24' || trace.totals.delivered !== '3') {
    throw new Error(`batch trace: ${trace.totals.received} in, ${trace.totals.delivered} out`);
  }
  const dashboard = must(
    'dashboard',
    await api.GET('/api/v1/dashboard', { params: { query: { warehouseId: warehouse.id } } }),
  );
  if (!dashboard.gettingStarted.hasStock || dashboard.today.receipt.operations !== 1) {
    throw new Error(`dashboard: ${JSON.stringify(dashboard.today.receipt)}`);
  }
  const operations = must('operations', await api.GET('/api/v1/operations'));
  if (operations.data.length !== 2) throw new Error(`operations: ${operations.data.length}`);
  if (me.role !== 'admin') throw new Error(`me: ${me.role}`);
}
