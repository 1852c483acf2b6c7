import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule, AppModuleOptions } from './app.module';
import { bodyErrorsMiddleware } from './common/http/body-errors.middleware';
import { API_PREFIX } from './common/http/api-prefix';
import { inputGuardMiddleware } from './common/http/input-guard.middleware';
import { requestIdMiddleware } from './common/http/request-id';
import { PROJECT_ROOT } from './common/paths';
import { setupSwagger } from './common/swagger/setup-swagger';
import { AppConfig } from './config/app-config';

export { API_PREFIX };
export const BODY_LIMIT = '1mb';
/**
 * Creating or editing an operation: up to 10,000 lines, each with its own locations and an
 * inline batch (about 3.3 MB at the longest). Only these routes take more than BODY_LIMIT.
 */
export const OPERATION_BODY_LIMIT = '5mb';

const OPERATION_WRITE = new RegExp(`^/${API_PREFIX}/operations(/[^/]+)?/?$`);

/** POST /operations and PATCH /operations/:id: the bodies that may carry 10,000 lines. */
function isOperationWrite(request: Request): boolean {
  const path = request.path;
  const match = OPERATION_WRITE.exec(path);
  if (!match) return false;
  return request.method === (match[1] ? 'PATCH' : 'POST');
}

const version = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Builds the whole HTTP application. `main.ts` and the API tests both go through here, so the
 * tests exercise exactly the middleware order, limits and documentation that production runs.
 */
export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Behind a load balancer, rate limits and the audit log need the client's address.
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);

  // Order matters: the id first so that even a body rejected by the parser is traceable.
  app.use(requestIdMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI and Angular Material set inline styles; scripts stay same-origin only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
  });
  // Parsed first: the general parser then sees a parsed body and leaves it alone.
  const operationBody = json({ limit: OPERATION_BODY_LIMIT });
  app.use((request: Request, response: Response, next: NextFunction) =>
    isOperationWrite(request) ? operationBody(request, response, next) : next(),
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(bodyErrorsMiddleware);
  app.use(inputGuardMiddleware);
  app.use(cookieParser());

  app.setGlobalPrefix(API_PREFIX);
  setupSwagger(app, version);
  return app;
}
