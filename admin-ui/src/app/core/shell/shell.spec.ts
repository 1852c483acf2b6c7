import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BehaviorSubject } from 'rxjs';

import { NAV_ITEMS, visibleNavItems } from '../navigation';
import { Shell } from './shell';

describe('Shell', () => {
  const layout = new BehaviorSubject<BreakpointState>({ matches: false, breakpoints: {} });

  async function render(narrow: boolean) {
    layout.next({ matches: narrow, breakpoints: {} });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: BreakpointObserver, useValue: { observe: () => layout } },
      ],
    });
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows the app name and a labelled navigation with every menu entry', async () => {
    const { element } = await render(false);

    expect(element.querySelector('mat-toolbar')?.textContent).toContain('StockMaster');
    const nav = element.querySelector('nav[aria-label="Main"]');
    expect(nav).not.toBeNull();
    const links = Array.from(nav!.querySelectorAll('a'));
    expect(links.map((link) => link.textContent?.trim())).toEqual(
      NAV_ITEMS.map((item) => expect.stringContaining(item.label)),
    );
    expect(links[0].getAttribute('href')).toBe('/');
  });

  it('keeps the navigation open beside the content on wide screens, without a menu button', async () => {
    const { element } = await render(false);

    expect(element.querySelector('button[aria-controls="main-nav"]')).toBeNull();
    expect(element.querySelector('mat-sidenav')?.classList).toContain('mat-drawer-side');
    expect(element.querySelector('mat-sidenav')?.classList).toContain('mat-drawer-opened');
  });

  it('turns the navigation into a drawer opened from a menu button on narrow screens', async () => {
    const { fixture, element } = await render(true);

    const button = element.querySelector<HTMLButtonElement>('button[aria-controls="main-nav"]');
    expect(button).not.toBeNull();
    expect(button!.getAttribute('aria-label')).toBe('Main navigation');
    expect(button!.getAttribute('aria-expanded')).toBe('false');
    expect(element.querySelector('mat-sidenav')?.classList).toContain('mat-drawer-over');

    button!.click();
    await fixture.whenStable();

    expect(button!.getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelector('mat-sidenav')?.classList).toContain('mat-drawer-opened');
  });

  it('offers a skip link that moves focus to the main content', async () => {
    const { element } = await render(false);

    const skip = element.querySelector('a.skip-link');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    (skip as HTMLAnchorElement).click();
    expect(document.activeElement).toBe(element.querySelector('main#main-content'));
  });
});

describe('visibleNavItems', () => {
  it('hides entries whose permission the user lacks and keeps open ones', () => {
    const items = [
      { label: 'Dashboard', icon: 'dashboard', route: '/' },
      { label: 'Users', icon: 'group', route: '/users', permission: 'users.manage' },
    ];

    expect(visibleNavItems(items, () => false).map((i) => i.label)).toEqual(['Dashboard']);
    expect(visibleNavItems(items, () => true).map((i) => i.label)).toEqual(['Dashboard', 'Users']);
  });
});
