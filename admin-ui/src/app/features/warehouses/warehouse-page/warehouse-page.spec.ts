import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { Location, Role, Warehouse } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { WarehousePage } from './warehouse-page';

const main: Warehouse = {
  id: 'wh-1',
  code: 'MAIN',
  name: 'Main warehouse',
  address: null,
  rootLocationId: 'loc-root',
  hasStockHistory: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const location = (id: string, parentId: string | null, fullName: string): Location => ({
  id,
  warehouseId: 'wh-1',
  parentId,
  name: fullName.split('/').at(-1)!,
  fullName,
  type: 'internal',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const page = <T>(data: T[]) => ({ data, meta: { page: 1, limit: 200, total: data.length } });

describe('WarehousePage', () => {
  let fixture: ComponentFixture<WarehousePage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };

  async function render(id: string, role: Role) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    TestBed.inject(Session).signIn(loginResponse(role));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WarehousePage);
    fixture.componentRef.setInput('id', id);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  }

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    backend.verify();
  });

  it("shows an agent only the not-found state for another warehouse's page", async () => {
    await render('wh-2', 'agent');
    backend
      .expectOne('/api/v1/warehouses/wh-2')
      .flush(
        { statusCode: 404, error: 'NOT_FOUND', message: 'Warehouse not found', requestId: 'r' },
        { status: 404, statusText: 'Not Found' },
      );
    // The locations of a warehouse the agent may not see come back empty.
    for (const r of backend.match((r) => r.url === '/api/v1/locations')) r.flush(page([]));
    await settle();

    expect(element.querySelector('h1')?.textContent).toContain('Warehouse not found');
    expect(element.textContent).not.toMatch(/0 locations|Locations|no locations/);
    expect(element.textContent).not.toContain('Retry');
    expect(element.querySelector('a[href="/warehouses"]')).not.toBeNull();
  });

  it('offers new parents by their full path when moving a location', async () => {
    await render('wh-1', 'manager');
    backend.expectOne('/api/v1/warehouses/wh-1').flush(main);
    for (const r of backend.match((r) => r.url === '/api/v1/locations')) {
      r.flush(
        page([
          location('loc-root', null, 'MAIN/Stock'),
          location('cold', 'loc-root', 'MAIN/Stock/Cold room'),
          location('dry', 'loc-root', 'MAIN/Stock/Dry store'),
          location('cold-a', 'cold', 'MAIN/Stock/Cold room/Shelf A'),
          location('dry-a', 'dry', 'MAIN/Stock/Dry store/Shelf A'),
          location('box', 'loc-root', 'MAIN/Stock/Box'),
        ]),
      );
    }
    await settle();
    expect(element.textContent).toContain('6 locations');

    element.querySelector<HTMLButtonElement>('[aria-label="Move Box"]')!.click();
    await settle();
    document.querySelector<HTMLElement>('mat-dialog-container mat-select')!.click();
    await settle();
    const options = Array.from(document.querySelectorAll('mat-option')).map((o) =>
      o.textContent?.trim(),
    );
    expect(options).toEqual([
      'MAIN/Stock',
      'MAIN/Stock/Cold room',
      'MAIN/Stock/Cold room/Shelf A',
      'MAIN/Stock/Dry store',
      'MAIN/Stock/Dry store/Shelf A',
    ]);
  });
});
