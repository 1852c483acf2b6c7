import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { routes } from './app.routes';
import { PageTitleStrategy } from './core/page-title';

describe('console routes', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(routes),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TitleStrategy, useClass: PageTitleStrategy },
      ],
    });
  });

  it('opens the dashboard at / inside the shell, titled "Dashboard · StockMaster"', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/');

    expect(harness.routeNativeElement?.textContent).toContain('Dashboard');
    expect(TestBed.inject(Title).getTitle()).toBe('Dashboard · StockMaster');
    expect(document.querySelector('nav[aria-label="Main"]')).not.toBeNull();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/health');
  });

  it('shows the not-found page for an unknown address', async () => {
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/no/such/page');

    expect(harness.routeNativeElement?.textContent).toContain('Page not found');
    expect(TestBed.inject(Title).getTitle()).toBe('Page not found · StockMaster');
  });
});
