import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { ServerStatus } from '../../http/server-status';
import { UnavailableBanner } from './unavailable-banner';

describe('UnavailableBanner', () => {
  it('says the server is unavailable and that the console keeps trying, in a live region', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(UnavailableBanner);
    const element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    const region = element.querySelector('[role="status"]')!;
    expect(region.textContent?.trim()).toBe('');

    const status = TestBed.inject(ServerStatus);
    status.markUnavailable();
    await fixture.whenStable();
    expect(region.textContent).toContain('The server is unavailable, retrying…');
    expect(region.textContent).toContain('You stay signed in.');

    status.markAvailable();
    await fixture.whenStable();
    expect(region.textContent?.trim()).toBe('');
    TestBed.inject(HttpTestingController).expectOne('/api/v1/health');
  });
});
