import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { routes } from './app.routes';
import { PageTitleStrategy } from './core/page-title';
import { Session } from './core/session/session';
import { loginResponse } from './core/session/testing';

describe('console routes', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TitleStrategy, useClass: PageTitleStrategy },
      ],
    });
  });

  /** Answers the guards' `GET /auth/setup` calls as they come. */
  async function answerSetup(required: boolean, times = 1) {
    const backend = TestBed.inject(HttpTestingController);
    for (let answered = 0, tries = 0; answered < times && tries < 100; tries++) {
      const requests = backend.match('/api/v1/auth/setup');
      requests.forEach((request) => request.flush({ required }));
      answered += requests.length;
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  it('opens the dashboard at / inside the shell, titled "Dashboard · StockMaster"', async () => {
    TestBed.inject(Session).signIn(loginResponse('viewer'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');

    expect(harness.routeNativeElement?.textContent).toContain('Dashboard');
    expect(TestBed.inject(Title).getTitle()).toBe('Dashboard · StockMaster');
    expect(document.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/health');
  });

  it('shows the not-found page for an unknown address', async () => {
    TestBed.inject(Session).signIn(loginResponse('viewer'));
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page');

    expect(harness.routeNativeElement?.textContent).toContain('Page not found');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · StockMaster');
  });

  it('on first run, leads from / to the setup page, outside the shell', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/');
    await answerSetup(true, 2);
    await navigation;

    expect(TestBed.inject(Router).url).toBe('/setup');
    expect(harness.routeNativeElement?.textContent).toContain('Create the first administrator');
    expect(document.querySelector('nav[aria-label="Main"]')).toBeNull();
  });

  it('leads a signed-out user to the sign-in page once set up', async () => {
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/audit-log');
    await answerSetup(false);
    await navigation;

    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Faudit-log');
    expect(TestBed.inject(Title).getTitle()).toBe('Sign in · StockMaster');
  });
});
