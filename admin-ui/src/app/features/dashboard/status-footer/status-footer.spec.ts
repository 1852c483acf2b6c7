import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { StatusFooter } from './status-footer';

describe('StatusFooter', () => {
  async function render() {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(StatusFooter);
    const backend = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const text = () => (element.textContent ?? '').replace(/\s+/g, ' ');
    const settle = () => fixture.whenStable();
    return { fixture, backend, element, text, settle };
  }

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows API and database up when the health check answers 200', async () => {
    const { backend, text, settle } = await render();

    backend.expectOne('/api/v1/health').flush({ status: 'ok', database: 'up' });
    await settle();

    expect(text()).toMatch(/API: up/);
    expect(text()).toMatch(/Database: up/);
  });

  it('shows "database: down" when the API answers 503 with a health report', async () => {
    const { backend, element, text, settle } = await render();

    backend
      .expectOne('/api/v1/health')
      .flush(
        { status: 'error', database: 'down' },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await settle();

    expect(text()).toMatch(/database: down/i);
    expect(text()).toMatch(/API: up/);
    // Status is spelled out and carried by an icon, not by colour alone.
    const line = Array.from(element.querySelectorAll('li')).find((li) =>
      li.textContent?.includes('Database'),
    );
    expect(line?.querySelector('mat-icon')?.textContent?.trim()).toBe('error');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });

  it('says the server cannot be reached when the request fails on the network, and checks again', async () => {
    const { backend, element, text, settle } = await render();

    backend.expectOne('/api/v1/health').error(new ProgressEvent('error'));
    await settle();

    expect(text()).toMatch(/API: unreachable/);
    expect(text()).toMatch(/Database: unknown/);
    expect(element.querySelector('[role="alert"]')?.textContent).toMatch(
      /cannot reach the server/i,
    );

    const again = Array.from(element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Check again'),
    );
    again!.click();
    await settle();
    backend.expectOne('/api/v1/health').flush({ status: 'ok', database: 'up' });
    await settle();

    expect(text()).toMatch(/Database: up/);
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });
});
