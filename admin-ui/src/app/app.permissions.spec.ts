import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CanMatchFn, Route, Router, UrlSegment, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ROLES, Role, can } from '@stockmaster/contracts';

import { routes } from './app.routes';
import { NAV_ITEMS } from './core/navigation';
import { Session } from './core/session/session';
import { loginResponse } from './core/session/testing';

/** The routes inside the shell, where every feature lives. */
const shellChildren = (): Route[] => routes.find((r) => r.path === '' && r.children)!.children!;

describe('console routes and navigation agree on permissions', () => {
  let snackBar: { open: jest.Mock };

  beforeEach(() => {
    snackBar = { open: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
  });

  /** Runs the route's `canMatch` guards as `role`: true when all let the user in. */
  async function matches(route: Route, role: Role): Promise<boolean> {
    TestBed.inject(Session).signIn(loginResponse(role));
    const segments = route.path ? [new UrlSegment(route.path, {})] : [];
    for (const guard of (route.canMatch ?? []) as CanMatchFn[]) {
      const answer = await TestBed.runInInjectionContext(() => guard(route, segments));
      if (answer !== true) return false;
    }
    return true;
  }

  it('gives every menu entry a route', () => {
    const paths = shellChildren().map((route) => `/${route.path}`);
    for (const item of NAV_ITEMS) expect(paths).toContain(item.route);
  });

  it.each(NAV_ITEMS.map((item) => [item.route, item] as const))(
    '%s: the route lets in exactly the roles that see its menu entry',
    async (path, item) => {
      const route = shellChildren().find((r) => `/${r.path}` === path)!;
      for (const role of ROLES) {
        const seesEntry = !item.permission || can(role, item.permission);
        expect({ role, matches: await matches(route, role) }).toEqual({
          role,
          matches: seesEntry,
        });
      }
    },
  );

  it.each(['viewer', 'agent'] as const)(
    'refuses /stock-count to a %s (no operations.adjust) and leads to the dashboard',
    async (role) => {
      TestBed.inject(Session).signIn(loginResponse(role));
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/stock-count');

      expect(TestBed.inject(Router).url).toBe('/');
      expect(snackBar.open).toHaveBeenCalledWith(
        'You do not have access to that page.',
        'Dismiss',
        expect.anything(),
      );
      expect(NAV_ITEMS.find((item) => item.route === '/stock-count')?.permission).toBe(
        'operations.adjust',
      );
    },
  );

  it('opens /stock-count for a manager', async () => {
    TestBed.inject(Session).signIn(loginResponse('manager'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/stock-count');

    expect(TestBed.inject(Router).url).toBe('/stock-count');
    expect(snackBar.open).not.toHaveBeenCalled();
  });
});
