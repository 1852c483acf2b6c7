import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import NotFound from './not-found';

describe('NotFound', () => {
  it('says the page does not exist and links home', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(NotFound);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('h1')?.textContent).toContain('Page not found');
    const home = element.querySelector('a');
    expect(home?.getAttribute('href')).toBe('/');
    expect(home?.textContent).toContain('Go to the dashboard');
  });
});
