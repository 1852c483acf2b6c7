import { BreakpointObserver, BreakpointState } from '@angular/cdk/layout';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { BehaviorSubject } from 'rxjs';

import { Permission, Role } from '@stockmaster/contracts';

import { NAV_ITEMS, visibleNavItems } from '../navigation';
import { Session } from '../session/session';
import { loginResponse } from '../session/testing';
import { Shell } from './shell';

describe('Shell', () => {
  const layout = new BehaviorSubject<BreakpointState>({ matches: false, breakpoints: {} });

  async function render(narrow: boolean, role: Role = 'admin') {
    layout.next({ matches: narrow, breakpoints: {} });
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: BreakpointObserver, useValue: { observe: () => layout } },
      ],
    });
    TestBed.inject(Session).signIn(loginResponse(role));
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const navLabels = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('nav[aria-label="Main"] a [matListItemTitle]')).map(
      (title) => title.textContent?.trim(),
    );

  it('shows an administrator every menu entry, Users and Audit log included', async () => {
    const { element } = await render(false, 'admin');
    expect(navLabels(element)).toEqual(
      expect.arrayContaining(['Dashboard', 'Products', 'Users', 'Audit log']),
    );
  });

  it.each(['manager', 'agent', 'viewer'] as const)(
    'hides Users and Audit log from a %s',
    async (role) => {
      const { element } = await render(false, role);
      const labels = navLabels(element);
      expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'Products']));
      expect(labels).not.toContain('Users');
      expect(labels).not.toContain('Audit log');
    },
  );

  it("offers a user menu with the user's name and role, Profile and Sign out", async () => {
    const { fixture, element } = await render(false, 'agent');
    const session = TestBed.inject(Session);
    const signOut = jest.spyOn(session, 'signOut').mockResolvedValue();

    const trigger = element.querySelector<HTMLButtonElement>('button[aria-label^="Account menu"]');
    expect(trigger?.textContent).toContain('Alex Agent');
    trigger!.click();
    await fixture.whenStable();

    const menu = document.querySelector('.mat-mdc-menu-panel')!;
    expect(menu.textContent).toContain('agent@example.com');
    expect(menu.textContent).toContain('Warehouse agent');
    const items = Array.from(menu.querySelectorAll<HTMLElement>('[mat-menu-item]'));
    expect(items.map((item) => item.textContent?.trim())).toEqual([
      expect.stringContaining('Profile'),
      expect.stringContaining('Sign out'),
    ]);
    expect(items[0].getAttribute('href')).toBe('/profile');

    items[1].click();
    expect(signOut).toHaveBeenCalled();
  });

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
      { label: 'Users', icon: 'group', route: '/users', permission: Permission.UsersManage },
    ];

    expect(visibleNavItems(items, () => false).map((i) => i.label)).toEqual(['Dashboard']);
    expect(visibleNavItems(items, () => true).map((i) => i.label)).toEqual(['Dashboard', 'Users']);
  });
});
