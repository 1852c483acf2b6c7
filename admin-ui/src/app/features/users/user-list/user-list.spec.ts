import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import { Page, UserSummary } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { UserList } from './user-list';

const user = (overrides: Partial<UserSummary>): UserSummary => ({
  id: 'u-1',
  email: 'ben@example.com',
  fullName: 'Ben Agent',
  role: 'agent',
  status: 'active',
  warehouseIds: ['wh-1'],
  alertDigest: 'off',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...overrides,
});
const page = (data: UserSummary[]): Page<UserSummary> => ({
  data,
  meta: { page: 1, limit: 50, total: data.length },
});

describe('UserList', () => {
  let fixture: ComponentFixture<UserList>;
  let element: HTMLElement;
  let backend: HttpTestingController;

  /** Lets the table's debounced, resource-driven loads go out, then answers them. */
  async function answer(users: UserSummary[]) {
    for (let tries = 0; tries < 50; tries++) {
      fixture.detectChanges();
      backend.match('/api/v1/warehouses?limit=200').forEach((r) =>
        r.flush({
          data: [{ id: 'wh-1', code: 'MAIN', name: 'Main' }],
          meta: { page: 1, limit: 200, total: 1 },
        }),
      );
      const requests = backend.match((r) => r.url === '/api/v1/users');
      if (requests.length) {
        requests.forEach((r) => r.flush(page(users)));
        await fixture.whenStable();
        return requests.map((r) => r.request.urlWithParams);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no users request');
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    TestBed.inject(Session).signIn(loginResponse('admin'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(UserList);
    element = fixture.nativeElement as HTMLElement;
  });

  const row = (email: string) =>
    Array.from(element.querySelectorAll('tr[mat-row]')).find((tr) =>
      tr.textContent?.includes(email),
    ) as HTMLElement;

  it('opens searched for the user the address names (a link from the audit log)', async () => {
    fixture.componentRef.setInput('q', 'ben@example.com');
    expect(await answer([user({})])).toEqual([
      '/api/v1/users?search=ben@example.com&page=1&limit=50',
    ]);
    expect(element.querySelector<HTMLInputElement>('input[type="search"], input')?.value).toBe(
      'ben@example.com',
    );
  });

  it('lists users with role, warehouses and a status spelled out beside an icon', async () => {
    await answer([
      user({}),
      user({
        id: 'u-2',
        email: 'ivy@example.com',
        status: 'invited',
        role: 'viewer',
        warehouseIds: [],
      }),
      user({
        id: 'u-3',
        email: 'dan@example.com',
        status: 'disabled',
        role: 'manager',
        warehouseIds: [],
        alertDigest: 'daily',
      }),
    ]);

    const ben = row('ben@example.com');
    expect(ben.textContent).toContain('Warehouse agent');
    expect(ben.textContent).toContain('MAIN');
    expect(ben.textContent).toContain('Active');
    expect(ben.querySelector('.status-active mat-icon')?.textContent?.trim()).toBe('check_circle');
    expect(row('ivy@example.com').textContent).toContain('Invited');
    expect(row('dan@example.com').textContent).toContain('Disabled');
    // The alert mail column: each user's daily digest choice.
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    const digest = headers.indexOf('Alert mail');
    expect(digest).toBeGreaterThan(-1);
    const cell = (email: string) => row(email).querySelectorAll('td')[digest]?.textContent?.trim();
    expect(cell('dan@example.com')).toMatch(/Daily$/);
    expect(cell('ben@example.com')).toBe('Off');

    // Re-send only for invited users; disable for anyone not yet disabled.
    expect(
      row('ivy@example.com').querySelector('[aria-label^="Send the invitation again"]'),
    ).not.toBeNull();
    expect(ben.querySelector('[aria-label^="Send the invitation again"]')).toBeNull();
    expect(ben.querySelector('[aria-label="Disable Ben Agent"]')).not.toBeNull();
    expect(row('dan@example.com').querySelector('[aria-label^="Disable"]')).toBeNull();
  });

  it('sends search, role and status filters to the API', async () => {
    expect(await answer([])).toEqual(['/api/v1/users?page=1&limit=50']);

    const search = element.querySelector<HTMLInputElement>('input[type="search"]')!;
    // The search waits 300 ms after typing: a fake clock moves past it at once.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      search.value = '  ben ';
      search.dispatchEvent(new Event('input'));
      await jest.advanceTimersByTimeAsync(350);
    } finally {
      jest.useRealTimers();
    }
    expect(await answer([])).toEqual(['/api/v1/users?search=ben&page=1&limit=50']);

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const [role, status] = await loader.getAllHarnesses(MatSelectHarness);
    await role.clickOptions({ text: 'Warehouse agent' });
    expect(await answer([])).toEqual(['/api/v1/users?search=ben&role=agent&page=1&limit=50']);
    await status.clickOptions({ text: 'Invited' });
    expect(await answer([])).toEqual([
      '/api/v1/users?search=ben&role=agent&status=invited&page=1&limit=50',
    ]);
  });

  it('asks before disabling a user, then disables and reloads the list', async () => {
    await answer([user({})]);

    row('ben@example.com')
      .querySelector<HTMLButtonElement>('[aria-label="Disable Ben Agent"]')!
      .click();
    await fixture.whenStable();
    const confirm = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(confirm.textContent).toContain('Disable Ben Agent?');
    expect(confirm.textContent).toContain('signed out at once');
    backend.expectNone((r) => r.method === 'DELETE');

    Array.from(confirm.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Disable')!
      .click();
    let disable;
    for (let tries = 0; tries < 50 && !disable; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      [disable] = backend.match('/api/v1/users/u-1');
    }
    expect(disable?.request.method).toBe('DELETE');
    disable!.flush(null, { status: 204, statusText: 'No Content' });

    expect(await answer([user({ status: 'disabled' })])).toHaveLength(1);
    expect(row('ben@example.com').textContent).toContain('Disabled');
  });
});
