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
import { holdSessionHint, loginResponse } from '../session/testing';
import { authInterceptor } from './auth.interceptor';
import { ServerStatus, retryDelayMs } from './server-status';
import { unavailableInterceptor } from './unavailable.interceptor';

const unavailable = { status: 503, statusText: 'Service Unavailable' } as const;
const unavailableBody = {
  statusCode: 503,
  error: 'SERVICE_UNAVAILABLE',
  message: 'The server is temporarily unavailable: try again in a few seconds',
  requestId: 'r-503',
};
const unauthorized = { status: 401, statusText: 'Unauthorized' } as const;
const expiredBody = { statusCode: 401, error: 'UNAUTHORIZED', message: 'x', requestId: 'r-401' };

describe('while the server is unavailable', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: Session;
  let status: ServerStatus;
  let router: Router;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([unavailableInterceptor, authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
    status = TestBed.inject(ServerStatus);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    session.signIn(loginResponse('manager', 'token-1'));
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  it('retries a read with backoff until the server answers, and says so meanwhile', () => {
    const results: unknown[] = [];
    http.get('/api/v1/products').subscribe((body) => results.push(body));

    backend.expectOne('/api/v1/products').flush(unavailableBody, unavailable);
    expect(status.unavailable()).toBe(true);
    jest.advanceTimersByTime(retryDelayMs(1) - 1);
    backend.expectNone('/api/v1/products');
    jest.advanceTimersByTime(1);
    backend.expectOne('/api/v1/products').flush(null, { status: 0, statusText: 'Unknown Error' });
    jest.advanceTimersByTime(retryDelayMs(2));
    backend.expectOne('/api/v1/products').flush({ data: [] });

    expect(results).toEqual([{ data: [] }]);
    expect(status.unavailable()).toBe(false);
    expect(session.accessToken()).toBe('token-1');
  });

  it('does not repeat a write: its error reaches the screen, and a health probe notices the return', () => {
    let failure: HttpErrorResponse | undefined;
    http.post('/api/v1/products', {}).subscribe({ error: (e: HttpErrorResponse) => (failure = e) });

    backend.expectOne('/api/v1/products').flush(unavailableBody, unavailable);
    expect(failure?.status).toBe(503);
    expect(status.unavailable()).toBe(true);

    backend.expectOne('/api/v1/health').flush({ status: 'error', database: 'down' }, unavailable);
    jest.advanceTimersByTime(retryDelayMs(1));
    backend.expectOne('/api/v1/health').flush({ status: 'ok', database: 'up' });
    expect(status.unavailable()).toBe(false);
    backend.expectNone('/api/v1/products');
  });

  it('keeps the session when the token refresh meets an unavailable server', () => {
    const results: unknown[] = [];
    http.get('/api/v1/products').subscribe((body) => results.push(body));

    backend.expectOne('/api/v1/products').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(unavailableBody, unavailable);
    // Still signed in, no trip to the login page: the server could not say anything.
    expect(session.isAuthenticated()).toBe(true);
    expect(router.navigate).not.toHaveBeenCalled();
    expect(status.unavailable()).toBe(true);
    // The refresh is not repeated by itself: a probe watches for the server meanwhile.
    const probe = backend.expectOne('/api/v1/health');

    // The read is tried again whole: 401, refresh (now answered), then the read with the new token.
    jest.advanceTimersByTime(retryDelayMs(1));
    backend.expectOne('/api/v1/products').flush(expiredBody, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('manager', 'token-2'));
    const retried = backend.expectOne('/api/v1/products');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer token-2');
    retried.flush({ data: [1] });

    expect(results).toEqual([{ data: [1] }]);
    expect(status.unavailable()).toBe(false);
    probe.flush({ status: 'ok', database: 'up' });
  });

  it('treats an answer such as 404 as a server that is up, and repeats nothing', () => {
    let failure: HttpErrorResponse | undefined;
    http.get('/api/v1/products/x').subscribe({ error: (e: HttpErrorResponse) => (failure = e) });
    backend
      .expectOne('/api/v1/products/x')
      .flush({ statusCode: 404 }, { status: 404, statusText: 'Not Found' });
    expect(failure?.status).toBe(404);
    expect(status.unavailable()).toBe(false);
    jest.advanceTimersByTime(60_000);
    backend.expectNone('/api/v1/products/x');
  });

  it('backs off 1, 2, 4, 8 s and then every 10 s', () => {
    expect([1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
});

describe('a reload while the server is unavailable', () => {
  let backend: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([unavailableInterceptor, authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
  });

  // The browser holds a session: a reload must check it.
  beforeEach(() => holdSessionHint());
  afterEach(() => {
    holdSessionHint(false);
    jest.useRealTimers();
  });

  /** Lets promise callbacks run between fake-timer steps. */
  const flushPromises = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('does not sign out: the guards wait until the cookie could be checked', async () => {
    const restored = session.restore();
    backend.expectOne('/api/v1/auth/refresh').flush(unavailableBody, unavailable);
    await expect(restored).resolves.toBe(false);

    let settled = false;
    void session.settled().then(() => (settled = true));
    await flushPromises();
    expect(settled).toBe(false);
    // The probe of the banner runs beside it.
    backend.expectOne('/api/v1/health').flush({ status: 'ok', database: 'up' });

    jest.advanceTimersByTime(retryDelayMs(1));
    await flushPromises();
    backend.expectOne('/api/v1/auth/refresh').flush(loginResponse('viewer', 'token-back'));
    await flushPromises();

    expect(settled).toBe(true);
    expect(session.isAuthenticated()).toBe(true);
    expect(session.accessToken()).toBe('token-back');
    backend.verify();
  });

  it('ends signed out when the server, back, refuses the cookie', async () => {
    void session.restore();
    backend.expectOne('/api/v1/auth/refresh').flush(null, { status: 0, statusText: 'Unknown' });
    await flushPromises();
    backend.expectOne('/api/v1/health').flush({ status: 'ok', database: 'up' });
    jest.advanceTimersByTime(retryDelayMs(1));
    await flushPromises();
    backend.expectOne('/api/v1/auth/refresh').flush(expiredBody, unauthorized);
    await session.settled();
    expect(session.isAuthenticated()).toBe(false);
    backend.verify();
  });
});
