import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { Session } from '../session/session';
import { authInterceptor, isSameOriginApi } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
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
