import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  linkedSignal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatDividerModule } from '@angular/material/divider';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { NAV_ITEMS, visibleNavItems } from '../navigation';
import { APP_NAME } from '../page-title';
import { ROLE_LABELS } from '../session/role-labels';
import { Session } from '../session/session';

/** Below this width the navigation becomes a drawer opened from the toolbar. */
export const NARROW_LAYOUT = '(max-width: 959.98px)';

@Component({
  selector: 'sm-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatDividerModule,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly session = inject(Session);

  protected readonly appName = APP_NAME;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_LAYOUT)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Open beside the content on wide screens; closed (a drawer) on narrow ones. */
  protected readonly navOpen = linkedSignal(() => !this.narrow());
  protected readonly navItems = computed(() =>
    visibleNavItems(NAV_ITEMS, (permission) => this.session.can(permission)),
  );

  protected readonly user = this.session.user;
  protected readonly roleLabel = computed(() => {
    const role = this.session.role();
    return role ? ROLE_LABELS[role] : '';
  });

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** With `<base href="/">` a bare `#fragment` link would leave the page: move focus instead. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected signOut(): void {
    void this.session.signOut();
  }

  protected onNavigate(): void {
    if (this.narrow()) this.navOpen.set(false);
  }
}
