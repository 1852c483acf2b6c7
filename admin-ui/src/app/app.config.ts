import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { MAT_ICON_DEFAULT_OPTIONS, MatIconDefaultOptions } from '@angular/material/icon';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';

import { routes } from './app.routes';
import { authInterceptor } from './core/http/auth.interceptor';
import { unavailableInterceptor } from './core/http/unavailable.interceptor';
import { PageTitleStrategy } from './core/page-title';
import { Session } from './core/session/session';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
    ),
    // Outermost first: a call the server could not answer is retried whole, token refresh included.
    provideHttpClient(withInterceptors([unavailableInterceptor, authInterceptor])),
    // Before the first navigation, so that guards already know whether a reload is signed in.
    // The public freshness page needs no session: no refresh call for a customer's scan.
    provideAppInitializer(() =>
      location.pathname.startsWith('/fresh/') ? undefined : inject(Session).restore(),
    ),
    { provide: TitleStrategy, useClass: PageTitleStrategy },
    // Self-hosted Material Symbols (node_modules/material-symbols), never a font CDN.
    {
      provide: MAT_ICON_DEFAULT_OPTIONS,
      useValue: { fontSet: 'material-symbols-outlined' } satisfies MatIconDefaultOptions,
    },
  ],
};
