import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { requestIdOf } from '../http/request-id';
import { createRootLogger } from './root-logger';

/** Structured JSON logs (pino); each request's lines carry its `reqId`. */
@Module({})
export class LoggingModule {
  /** @param root the process's logger (`main.ts` passes its own); a new one at the configured level otherwise. */
  static forRoot(root?: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            // Nest 11's router rejects the bare `*` nestjs-pino maps by default (it warns and
            // converts it at every start); a named wildcard is the same route, said the new way.
            forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
            pinoHttp: {
              logger: root ?? createRootLogger(config.logLevel),
              genReqId: (request) => requestIdOf(request as never),
              autoLogging: { ignore: (request) => request.url === '/api/v1/health' },
              // One short line per request; headers stay out of the logs.
              serializers: {
                req: (request: { id: string; method: string; url: string }) => ({
                  id: request.id,
                  method: request.method,
                  url: request.url,
                }),
                res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
              },
            },
          }),
        }),
      ],
    };
  }
}
