import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, Routes, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Permission } from '@stockmaster/contracts';

import { permission, setupDone, setupPending, signedIn, signedOut } from './guards';
import { Session } from './session';
import { holdSessionHint, loginResponse } from './testing';

@Component({
  selector: 'sm-test-page',
  template: 'page',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Page {}

describe('route guards', () => {
  let loadUsers: jest.Mock;
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    loadUsers = jest.fn(async () => [{ path: '', component: Page }] satisfies Routes);
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: snackBar },
        provideRouter([
          { path: 'login', canMatch: [signedOut, setupDone], component: Page },
          { path: 'setup', canMatch: [signedOut, setupPending], component: Page },
          {
            path: '',
            canMatch: [signedIn],
            children: [
              { path: '', pathMatch: 'full', component: Page },
              {
                path: 'users',
                canMatch: [permission(Permission.UsersManage)],
                loadChildren: loadUsers,
              },
              { path: '**', component: Page },
            ],
          },
        ]),
      ],
    });
  });

  afterEach(() => {
    holdSessionHint(false);
    TestBed.inject(HttpTestingController).verify();
  });

  const url = () => TestBed.inject(Router).url;
  /** Answers the guards' `GET /auth/setup` calls as they come, `times` of them. */
  async function answerSetup(required: boolean, times = 1) {
    const backend = TestBed.inject(HttpTestingController);
    for (let answered = 0, tries = 0; answered < times && tries < 100; tries++) {
      const requests = backend.match('/api/v1/auth/setup');
      requests.forEach((request) => request.flush({ required }));
      answered += requests.length;
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  it('sends a signed-out user to the login page, keeping where they were going', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/users?role=agent');
    await answerSetup(false);
    await navigation;

    expect(url()).toBe('/login?returnUrl=%2Fusers%3Frole%3Dagent');
    expect(loadUsers).not.toHaveBeenCalled();
  });

  it('sends the login page to the first-run setup while no user exists', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/login');
    await answerSetup(true, 2);
    await navigation;

    expect(url()).toBe('/setup');
  });

  it('sends the setup page to login once the first administrator exists', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/setup');
    await answerSetup(false, 2);
    await navigation;

    expect(url()).toBe('/login');
  });

  it('keeps a reload on its page while the server cannot check the session, then lets it in', async () => {
    holdSessionHint();
    const session = TestBed.inject(Session);
    const backend = TestBed.inject(HttpTestingController);
    const restored = session.restore();
    backend
      .expectOne('/api/v1/auth/refresh')
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    await restored;
    expect(session.restorePending()).toBe(true);

    const harness = await RouterTestingHarness.create();
    let arrived = false;
    const navigation = harness.navigateByUrl('/users').then(() => (arrived = true));
    await new Promise((resolve) => setTimeout(resolve));
    expect(arrived).toBe(false); // not sent to the login page: waiting

    // The next try (after the first backoff second) finds the server back and the cookie good.
    for (let answered = false, tries = 0; !answered && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [refresh] = backend.match('/api/v1/auth/refresh');
      refresh?.flush(loginResponse('admin'));
      answered = !!refresh;
    }
    await navigation;
    expect(url()).toBe('/users');
  });

  it('lets an administrator into users, loading the feature', async () => {
    TestBed.inject(Session).signIn(loginResponse('admin'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/users');

    expect(url()).toBe('/users');
    expect(loadUsers).toHaveBeenCalledTimes(1);
    expect(snackBar.open).not.toHaveBeenCalled();
  });

  it.each(['agent', 'manager', 'viewer'] as const)(
    'keeps a %s out of users without loading its code, with a message',
    async (role) => {
      TestBed.inject(Session).signIn(loginResponse(role));
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/users');

      expect(url()).toBe('/');
      expect(loadUsers).not.toHaveBeenCalled();
      expect(snackBar.open).toHaveBeenCalledWith(
        'You do not have access to that page.',
        'Dismiss',
        expect.anything(),
      );
    },
  );

  it('sends a signed-in user away from the login page, to the return URL if safe', async () => {
    TestBed.inject(Session).signIn(loginResponse('admin'));
    const harness = await RouterTestingHarness.create();

    await harness.navigateByUrl('/login?returnUrl=%2Fprofile');
    expect(url()).toBe('/profile');

    await harness.navigateByUrl('/login?returnUrl=https%3A%2F%2Fevil.example.net');
    expect(url()).toBe('/');
  });
});
