import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  // The one place an error can only go to the console: the app never started.
  // eslint-disable-next-line no-console
  console.error(error);
});
