import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { UnavailableBanner } from './core/shell/unavailable-banner/unavailable-banner';

@Component({
  selector: 'sm-root',
  imports: [RouterOutlet, UnavailableBanner],
  // The banner sits above every page, sign-in included, and while a reload waits for the server.
  template: '<sm-unavailable-banner /><router-outlet />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
