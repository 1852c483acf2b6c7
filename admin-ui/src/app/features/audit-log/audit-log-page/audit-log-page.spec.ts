import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { AuditEntry, Page } from '@stockmaster/contracts';

import { AuditLogPage } from './audit-log-page';

const entry: AuditEntry = {
  id: 'a-1',
  at: '2026-03-04T10:00:00Z',
  actorId: 'admin-id',
  actorEmail: 'ada@example.com',
  action: 'user.updated',
  entityType: 'user',
  entityId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  target: {
    type: 'user',
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    label: 'ben@example.com',
    owner: null,
  },
  summary: { role: { from: 'agent', to: 'manager' } },
  ip: '10.0.0.7',
};

describe('AuditLogPage', () => {
  let fixture: ComponentFixture<AuditLogPage>;
  let element: HTMLElement;
  let backend: HttpTestingController;

  async function answer(entries: AuditEntry[]): Promise<string[]> {
    for (let tries = 0; tries < 50; tries++) {
      fixture.detectChanges();
      const requests = backend.match((r) => r.url === '/api/v1/audit-log');
      if (requests.length) {
        const page: Page<AuditEntry> = {
          data: entries,
          meta: { page: 1, limit: 50, total: entries.length },
        };
        requests.forEach((r) => r.flush(page));
        await fixture.whenStable();
        return requests.map((r) => r.request.urlWithParams);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no audit-log request');
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditLogPage);
    element = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => backend.verify());

  it('lists entries in the order the API gives (newest first), with a one-line summary', async () => {
    expect(await answer([entry])).toEqual(['/api/v1/audit-log?page=1&limit=50']);

    const row = element.querySelector('tr[mat-row]')!;
    expect(row.textContent).toContain('ada@example.com');
    expect(row.textContent).toContain('User updated');
    expect(row.textContent).toContain('role: agent → manager');
    expect(row.textContent).not.toContain('0f8fad5b');
    const target = row.querySelector('a');
    expect(target?.textContent).toBe('User ben@example.com');
    expect(target?.getAttribute('href')).toBe('/users?q=ben@example.com');
    expect(row.textContent).toContain('10.0.0.7');
  });

  it('labels catalog and stock actions in words and links their targets', async () => {
    await answer([
      {
        ...entry,
        id: 'a-2',
        action: 'product.imported',
        entityType: 'product',
        entityId: null,
        target: null,
        summary: { created: 2, updated: 1 },
        ip: '10.0.0.8',
      },
      {
        ...entry,
        id: 'a-3',
        action: 'operation.validated',
        entityType: 'operation',
        entityId: 'op-1',
        target: { type: 'operation', id: 'op-1', label: 'MAIN/OUT/00042', owner: null },
        summary: { reference: 'MAIN/OUT/00042', moves: 1 },
      },
    ]);

    const [imported, validated] = Array.from(element.querySelectorAll('tr[mat-row]'));
    expect(imported.textContent).toContain('Products imported');
    expect(imported.textContent).not.toContain('product.imported');
    expect(imported.querySelector('a')?.getAttribute('href')).toBe('/products');
    expect(imported.textContent).toContain('10.0.0.8');
    expect(validated.textContent).toContain('Operation validated');
    expect(validated.querySelector('a')?.getAttribute('href')).toBe('/operations/op-1');
  });

  it('filters by action and by the user given in the address', async () => {
    fixture.componentRef.setInput('userId', 'admin-id');
    expect(await answer([])).toEqual(['/api/v1/audit-log?userId=admin-id&page=1&limit=50']);

    const action = await TestbedHarnessEnvironment.loader(fixture).getHarness(MatSelectHarness);
    await action.clickOptions({ text: 'Sign-in failed' });

    expect(await answer([])).toEqual([
      '/api/v1/audit-log?userId=admin-id&action=auth.login.failed&page=1&limit=50',
    ]);
  });
});
