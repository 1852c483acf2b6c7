import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { Permission } from '@stockmaster/contracts';

import { Session, safeReturnUrl } from './session';
import { holdSessionHint, loginResponse } from './testing';

describe('Session', () => {
  let session: Session;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    session = TestBed.inject(Session);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => {
    holdSessionHint(false);
    backend.verify();
  });

  it('holds the access token in a signal until cleared', () => {
    expect(session.accessToken()).toBeNull();
    expect(session.isAuthenticated()).toBe(false);

    session.setAccessToken('abc');
    expect(session.accessToken()).toBe('abc');
    expect(session.isAuthenticated()).toBe(true);

    session.clear();
    expect(session.accessToken()).toBeNull();
    expect(session.isAuthenticated()).toBe(false);
  });

  it('treats an empty token as signed out', () => {
    session.setAccessToken('');
    expect(session.isAuthenticated()).toBe(false);
  });

  it('signs in from a login answer and answers "may I?" from the shared role map', () => {
    expect(session.can(Permission.CatalogRead)).toBe(false);

    session.signIn(loginResponse('agent'));

    expect(session.user()?.email).toBe('agent@example.com');
    expect(session.accessToken()).toBe('token-agent');
    expect(session.can(Permission.CatalogRead)).toBe(true);
    expect(session.can(Permission.OperationsWrite)).toBe(true);
    expect(session.can(Permission.UsersManage)).toBe(false);
    expect(session.can(Permission.AuditRead)).toBe(false);

    session.signIn(loginResponse('admin'));
    expect(session.can(Permission.UsersManage)).toBe(true);
    expect(session.can(Permission.AuditRead)).toBe(true);
  });

  it('restores a session after a reload by trading the refresh cookie once', async () => {
    holdSessionHint();
    const restored = session.restore();

    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.method).toBe('POST');
    refresh.flush(loginResponse('manager'));

    await expect(restored).resolves.toBe(true);
    expect(session.isAuthenticated()).toBe(true);
    expect(session.role()).toBe('manager');
  });

  it('starts signed out, without asking, when the browser holds no session', async () => {
    // No hint: a signed-out visit makes no request the browser would log as a refused one.
    await expect(session.restore()).resolves.toBe(false);
    backend.expectNone('/api/v1/auth/refresh');
    expect(session.isAuthenticated()).toBe(false);
    // Another cookie of the site does not count.
    document.cookie = 'sm_session_other=1; path=/';
    await expect(session.restore()).resolves.toBe(false);
    backend.expectNone('/api/v1/auth/refresh');
    document.cookie = 'sm_session_other=; path=/; max-age=0';
  });

  it('starts signed out when the refresh cookie behind the hint is expired or revoked', async () => {
    holdSessionHint();
    const restored = session.restore();

    backend
      .expectOne('/api/v1/auth/refresh')
      .flush(
        { statusCode: 401, error: 'UNAUTHORIZED', message: 'No session', requestId: 'r' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(restored).resolves.toBe(false);
    expect(session.isAuthenticated()).toBe(false);
    expect(session.user()).toBeNull();
  });

  it('shares one refresh between concurrent callers (the cookie rotates on each refresh)', () => {
    const tokens: string[] = [];
    session.refresh().subscribe((r) => tokens.push(r.accessToken));
    session.refresh().subscribe((r) => tokens.push(r.accessToken));

    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('admin', 'fresh'));

    expect(tokens).toEqual(['fresh', 'fresh']);
    // Once settled, the next refresh is a new request.
    session.refresh().subscribe();
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('admin', 'fresher'));
    expect(session.accessToken()).toBe('fresher');
  });

  it('signs out on the server, forgets the session and goes to the login page', async () => {
    session.signIn(loginResponse('admin'));

    const done = session.signOut();
    const logout = backend.expectOne('/api/v1/auth/logout');
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await done;

    expect(session.isAuthenticated()).toBe(false);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it('still signs out locally when the logout call fails', async () => {
    session.signIn(loginResponse('admin'));

    const done = session.signOut();
    backend.expectOne('/api/v1/auth/logout').error(new ProgressEvent('error'));
    await done;

    expect(session.isAuthenticated()).toBe(false);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it('on expiry, forgets the session and sends the user to log in with a return URL', () => {
    session.signIn(loginResponse('admin'));

    session.expire('/users?role=agent');

    expect(session.isAuthenticated()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/users?role=agent' },
    });
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/users?role=agent', '/users?role=agent'],
    [undefined, '/'],
    ['https://evil.example.net/', '/'],
    ['//evil.example.net/x', '/'],
    ['/\\evil.example.net', '/'],
    ['/login?returnUrl=/x', '/'],
    ['/invite/abc', '/'],
    ['/login-history', '/login-history'],
  ])('%s → %s', (url, expected) => {
    expect(safeReturnUrl(url)).toBe(expected);
  });
});
