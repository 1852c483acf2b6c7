import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { UserSummary } from '@stockmaster/contracts';

import { UserDialog, UserDialogData } from './user-dialog';

@Component({
  selector: 'sm-test-host',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly dialog = inject(MatDialog);
  result: UserSummary | undefined | null = null;

  open(data: UserDialogData) {
    this.dialog
      .open<UserDialog, UserDialogData, UserSummary>(UserDialog, { data })
      .afterClosed()
      .subscribe((user) => (this.result = user));
  }
}

const warehouses = {
  data: [
    { id: 'wh-2', code: 'SOUTH', name: 'South depot' },
    { id: 'wh-1', code: 'MAIN', name: 'Main warehouse' },
  ],
  meta: { page: 1, limit: 200, total: 2 },
};

const invited: UserSummary = {
  id: 'u-1',
  email: 'ben@example.com',
  fullName: 'Ben Agent',
  role: 'agent',
  status: 'invited',
  warehouseIds: ['wh-1'],
  alertDigest: 'off',
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('UserDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  /** Opens the dialog and answers its warehouse list (a resource: stable only once loaded). */
  async function open(
    data: UserDialogData = { mode: 'invite' },
    answer: (request: TestRequest) => void = (request) => request.flush(warehouses),
  ) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.open(data);
    for (let tries = 0; tries < 50; tries++) {
      fixture.detectChanges();
      const [request] = backend.match('/api/v1/warehouses?limit=200');
      if (request) {
        answer(request);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
    await fixture.whenStable();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  const loader = () => TestbedHarnessEnvironment.documentRootLoader(fixture);
  const select = (label: string) =>
    loader().getHarness(MatSelectHarness.with({ selector: `[formcontrolname="${label}"]` }));
  const type = async (name: string, value: string) => {
    const input = dialog().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    dialog().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
  };
  const fieldError = (name: string) =>
    dialog()
      .querySelector(`[formcontrolname="${name}"]`)
      ?.closest('mat-form-field')
      ?.querySelector('mat-error')
      ?.textContent?.trim();

  it('will not invite a warehouse agent without a warehouse', async () => {
    await open();
    await type('email', 'ben@example.com');
    await type('fullName', 'Ben Agent');
    await (await select('role')).open();
    await (await select('role')).clickOptions({ text: 'Warehouse agent' });
    await fixture.whenStable();

    await submit();

    backend.expectNone('/api/v1/users');
    expect(fieldError('warehouseIds')).toBe('Choose at least one warehouse for a warehouse agent.');

    const picker = await select('warehouseIds');
    await picker.open();
    const options = await picker.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual([
      'MAIN — Main warehouse',
      'SOUTH — South depot',
    ]);
    await picker.clickOptions({ text: 'MAIN — Main warehouse' });
    await picker.close();
    await submit();

    const request = backend.expectOne('/api/v1/users');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      email: 'ben@example.com',
      fullName: 'Ben Agent',
      role: 'agent',
      warehouseIds: ['wh-1'],
    });
    request.flush(invited, { status: 201, statusText: 'Created' });
    // The dialog reports its result once its closing animation has ended.
    for (let tries = 0; tries < 50 && fixture.componentInstance.result === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(fixture.componentInstance.result).toEqual(invited);
  });

  it('invites a manager with no warehouse field at all', async () => {
    await open();
    await type('email', 'mia@example.com');
    await type('fullName', 'Mia Manager');
    await (await select('role')).clickOptions({ text: 'Manager' });
    await fixture.whenStable();

    expect(dialog().querySelector('[formcontrolname="warehouseIds"]')).toBeNull();
    await submit();

    expect(backend.expectOne('/api/v1/users').request.body).toEqual({
      email: 'mia@example.com',
      fullName: 'Mia Manager',
      role: 'manager',
    });
  });

  it('shows why the warehouses could not load, inside the dialog', async () => {
    await open({ mode: 'invite' }, (request) =>
      request.flush(
        { statusCode: 404, error: 'NOT_FOUND', message: 'Cannot GET /warehouses', requestId: 'r' },
        { status: 404, statusText: 'Not Found' },
      ),
    );
    await (await select('role')).clickOptions({ text: 'Warehouse agent' });
    await fixture.whenStable();

    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'The warehouses could not be loaded: Cannot GET /warehouses',
    );
  });

  it('puts "email taken" on the email field', async () => {
    await open();
    await type('email', 'ben@example.com');
    await type('fullName', 'Ben');
    await (await select('role')).clickOptions({ text: 'Viewer' });
    await submit();

    backend
      .expectOne('/api/v1/users')
      .flush(
        { statusCode: 409, error: 'EMAIL_TAKEN', message: 'Taken', requestId: 'r' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();

    expect(fieldError('email')).toBe('A user with this email address already exists.');
    expect(dialog()).not.toBeNull();
  });

  it('edits name, role, warehouses and status; the last admin error shows in the banner', async () => {
    await open({
      mode: 'edit',
      user: { ...invited, status: 'active', role: 'admin', warehouseIds: [] },
    });

    expect(dialog().querySelector('input[formcontrolname="email"]')).toBeNull();
    expect(dialog().textContent).toContain('ben@example.com');
    await (await select('status')).clickOptions({ text: 'Disabled' });
    await submit();

    const request = backend.expectOne('/api/v1/users/u-1');
    expect(request.request.method).toBe('PATCH');
    // Only what changed, so that the audit log records the edit itself.
    expect(request.request.body).toEqual({ status: 'disabled' });
    request.flush(
      { statusCode: 409, error: 'LAST_ADMIN', message: 'Last admin', requestId: 'r' },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    expect(dialog().querySelector('[role="alert"]')?.textContent).toContain(
      'last active administrator',
    );
  });

  it('turning an agent into a manager sends the new role and clears the warehouses', async () => {
    await open({ mode: 'edit', user: { ...invited, status: 'active' } });

    await (await select('role')).clickOptions({ text: 'Manager' });
    await type('fullName', 'Ben Boss');
    await submit();

    expect(backend.expectOne('/api/v1/users/u-1').request.body).toEqual({
      fullName: 'Ben Boss',
      role: 'manager',
      warehouseIds: [],
    });
  });

  it('offers no status choice for a user who has not accepted the invitation yet', async () => {
    await open({ mode: 'edit', user: invited });

    expect(dialog().querySelector('[formcontrolname="status"]')).toBeNull();
    expect(dialog().querySelector('[formcontrolname="warehouseIds"]')).not.toBeNull();
  });
});
