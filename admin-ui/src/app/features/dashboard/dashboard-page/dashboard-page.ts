import { ChangeDetectionStrategy, Component } from '@angular/core';

import { HealthCard } from '../health-card/health-card';

@Component({
  selector: 'sm-dashboard-page',
  imports: [HealthCard],
  template: `
    <h1>Dashboard</h1>
    <div class="cards">
      <sm-health-card />
    </div>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr));
      gap: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {}
