import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built Angular console from the API's port. Client routes (`/login`, `/fresh/…`)
 * answer `index.html`; `/api/…` and `/docs…` never do, so unknown API routes stay JSON 404s.
 */
@Module({})
export class ConsoleModule {
  static forRoot(consoleDir: string): DynamicModule {
    if (!existsSync(join(consoleDir, 'index.html'))) {
      // Logged from a provider so that it goes through the app's logger (and its level).
      const warn = () =>
        new Logger('Console').warn(
          `no built console in ${consoleDir} (run npm run build:ui); serving the API only`,
        );
      return {
        module: ConsoleModule,
        providers: [{ provide: 'CONSOLE_MISSING', useFactory: warn }],
      };
    }
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: consoleDir,
          exclude: ['/api/{*path}', '/docs{*path}'],
          serveStaticOptions: {
            // Hashed bundles may be cached for good; index.html must be re-read after a deploy.
            setHeaders: (response: Response, path: string) => {
              response.setHeader(
                'Cache-Control',
                path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
              );
            },
          },
        }),
      ],
    };
  }
}
