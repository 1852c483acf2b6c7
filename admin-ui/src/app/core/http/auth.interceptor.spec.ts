import {
  HttpClient,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { Session } from '../session/session';
import { loginResponse } from '../session/testing';
import { authInterceptor, isSameOriginApi, isSessionRoute } from './auth.interceptor';

const unauthorized = {
  status: 401,
  statusText: 'Unauthorized',
} as const;
const expiredBody = {
  statusCode: 401,
  error: 'UNAUTHORIZED',
  message: 'Token expired',
  requestId: 'r-1',
};

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
  });

  afterEach(() => backend.verify());

  it('sends the bearer token on /api/ calls when signed in', () => {
    session.setAccessToken('token-1');

    http.get('/api/v1/products').subscribe();

    const request = backend.expectOne('/api/v1/products');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    request.flush({});
  });

  it('sends no Authorization header when there is no token', () => {
    http.get('/api/v1/products').subscribe();

    const request = backend.expectOne('/api/v1/products');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
  });

  it('stops sending the token after the session is cleared', () => {
    session.setAccessToken('token-1');
    session.clear();

    http.get('/api/v1/products').subscribe();

    expect(backend.expectOne('/api/v1/products').request.headers.has('Authorization')).toBe(false);
  });

  it('never sends the token outside /api/ or to another origin', () => {
    session.setAccessToken('token-1');

    http.get('/assets/config.json').subscribe();
    http.get('https://example.com/api/v1/products').subscribe();

    expect(backend.expectOne('/assets/config.json').request.headers.has('Authorization')).toBe(
      false,
    );
    expect(
      backend.expectOne('https://example.com/api/v1/products').request.headers.has('Authorization'),
    ).toBe(false);
  });
});

describe('authInterceptor on a 401', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: Session;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    session.signIn(loginResponse('admin', 'old'));
  });

  afterEach(() => backend.verify());

  it('refreshes the session once and retries the request with the new token', () => {
    const results: unknown[] = [];
    http.get('/api/v1/users').subscribe((body) => results.push(body));

    backend.expectOne('/api/v1/users').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('admin', 'new'));
    const retry = backend.expectOne('/api/v1/users');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ data: [] });

    expect(results).toEqual([{ data: [] }]);
    expect(session.accessToken()).toBe('new');
  });

  it('shares one refresh between requests that fail together, and retries each', () => {
    const results: unknown[] = [];
    http.get('/api/v1/users').subscribe((body) => results.push(body));
    http.get('/api/v1/audit-log').subscribe((body) => results.push(body));
    http.get('/api/v1/auth/me').subscribe((body) => results.push(body));

    backend.expectOne('/api/v1/users').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/audit-log').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/me').flush(expiredBody, unauthorized);

    // One refresh for all three: a second one would reuse the rotated cookie.
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('admin', 'new'));

    for (const url of ['/api/v1/users', '/api/v1/audit-log', '/api/v1/auth/me']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
      retry.flush({ url });
    }
    expect(results).toHaveLength(3);
  });

  it('retries without refreshing when another call has already renewed the token', () => {
    http.get('/api/v1/users').subscribe();
    const stale = backend.expectOne('/api/v1/users');
    session.signIn(loginResponse('admin', 'renewed'));

    stale.flush(expiredBody, unauthorized);

    backend.expectNone('/api/v1/auth/refresh');
    expect(backend.expectOne('/api/v1/users').request.headers.get('Authorization')).toBe(
      'Bearer renewed',
    );
  });

  it('retries only once: a second 401 reaches the caller', () => {
    let failure: HttpErrorResponse | undefined;
    http.get('/api/v1/users').subscribe({ error: (e: HttpErrorResponse) => (failure = e) });

    backend.expectOne('/api/v1/users').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('admin', 'new'));
    backend.expectOne('/api/v1/users').flush(expiredBody, unauthorized);

    expect(failure?.status).toBe(401);
    backend.expectNone('/api/v1/auth/refresh');
  });

  it('when the refresh is refused, clears the session and goes to login with a return URL', () => {
    jest.spyOn(router, 'url', 'get').mockReturnValue('/users?status=invited');
    let failure: HttpErrorResponse | undefined;
    http.get('/api/v1/users').subscribe({ error: (e: HttpErrorResponse) => (failure = e) });

    backend.expectOne('/api/v1/users').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(expiredBody, unauthorized);

    expect(failure?.status).toBe(401);
    expect(session.isAuthenticated()).toBe(false);
    expect(session.user()).toBeNull();
    expect(router.navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/users?status=invited' },
    });
  });

  it('passes a 401 from the sign-in routes through untouched (wrong password, no cookie)', () => {
    let failure: HttpErrorResponse | undefined;
    http
      .post('/api/v1/auth/login', { email: 'a@b.c', password: 'x' })
      .subscribe({ error: (e: HttpErrorResponse) => (failure = e) });

    backend.expectOne('/api/v1/auth/login').flush(expiredBody, unauthorized);

    expect(failure?.status).toBe(401);
    backend.expectNone('/api/v1/auth/refresh');
    expect(session.isAuthenticated()).toBe(true);
  });

  it('leaves other errors alone', () => {
    let failure: HttpErrorResponse | undefined;
    http.get('/api/v1/users').subscribe({ error: (e: HttpErrorResponse) => (failure = e) });

    backend
      .expectOne('/api/v1/users')
      .flush({ ...expiredBody, statusCode: 403 }, { status: 403, statusText: 'Forbidden' });

    expect(failure?.status).toBe(403);
    backend.expectNone('/api/v1/auth/refresh');
  });
});

describe('isSessionRoute', () => {
  const origin = 'https://stock.example.com';

  it.each([
    ['/api/v1/auth/login', true],
    ['/api/v1/auth/refresh', true],
    ['/api/v1/auth/logout', true],
    ['/api/v1/auth/setup', true],
    ['/api/v1/auth/password/forgot', true],
    ['/api/v1/auth/password/reset', true],
    ['/api/v1/auth/invitation/abc', true],
    ['/api/v1/auth/invitation/accept', true],
    ['/api/v1/auth/me', false],
    ['/api/v1/auth/me/password', false],
    ['/api/v1/users', false],
  ])('%s → %s', (url, expected) => {
    expect(isSessionRoute(url, origin)).toBe(expected);
  });
});

describe('isSameOriginApi', () => {
  const origin = 'https://stock.example.com';

  it.each([
    ['/api/v1/health', true],
    ['api/v1/health', true],
    ['https://stock.example.com/api/v1/health', true],
    ['/apis/v1', false],
    ['/docs', false],
    ['https://evil.example.net/api/v1/health', false],
    ['//evil.example.net/api/v1/health', false],
  ])('%s → %s', (url, expected) => {
    expect(isSameOriginApi(url, origin)).toBe(expected);
  });
});
