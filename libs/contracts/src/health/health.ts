export type ComponentState = 'up' | 'down';

export interface HealthStatus {
  status: 'ok' | 'error';
  database: ComponentState;
}
