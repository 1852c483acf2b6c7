import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { REFRESH_COOKIE } from '../../modules/auth/token.service';
import { REFRESH_COOKIE_SCHEME } from '../http/endpoint.decorator';
import { ErrorDetailDto, ErrorEnvelopeDto } from './error-envelope.dto';

export const API_TAGS = {
  health: 'Service health',
  auth: 'Sign-in, sessions, first run, password reset, invitations, own profile',
  users: 'User administration (admin)',
  audit: 'Audit log (admin)',
  categories: 'Product categories (a tree)',
  products: 'Products, CSV import and export',
  'reorder-rules': 'Minimum and maximum per product and warehouse',
  warehouses: 'Warehouses',
  locations: 'Location trees inside warehouses, and the virtual locations',
  operations:
    'Receipts, deliveries, transfers, adjustments and scrap: drafts, validation, reversal',
  stock: 'The ledger, stock levels, the one-line posting shortcut and the integrity check',
  batches: 'Lots with expiry and freshness, QR codes, quarantine and recall, traceability',
  dashboard: 'What needs attention, today’s activity and the charts, in one answer',
  alerts: 'The daily alert digest, run by hand (admin)',
  public: 'What anyone may read without signing in: the freshness report behind a QR code',
} as const;

/** Swagger UI at `/docs`, the OpenAPI document at `/docs-json`. */
export function setupSwagger(app: INestApplication, version: string): void {
  const builder = new DocumentBuilder()
    .setTitle('StockMaster API')
    .setDescription(
      'Inventory for perishable and non-perishable stock: what you have, where it is and how fresh it is. ' +
        'Every error answers the ErrorEnvelope schema; every response carries X-Request-Id.',
    )
    .setVersion(version)
    // Relative, so that Swagger UI's try-it-out and generated clients talk to whichever address
    // served the document (the console and the API share one origin).
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addCookieAuth(
      REFRESH_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        name: REFRESH_COOKIE,
        description: 'The httpOnly refresh token set by sign-in; rotated by each refresh',
      },
      REFRESH_COOKIE_SCHEME,
    );
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);

  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorEnvelopeDto, ErrorDetailDto],
  });
  errorsAsJson(document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'StockMaster API',
    swaggerOptions: { persistAuthorization: true },
  });
}

/**
 * A route that answers CSV or an image (`produces`) still fails with the JSON envelope; the
 * generator gives every response of such a route its media types, so its errors are put back
 * to `application/json`.
 */
function errorsAsJson(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (Number(status) < 400 || !response || !('content' in response) || !response.content)
          continue;
        const schema = Object.values(response.content)[0]?.schema;
        if (schema) response.content = { 'application/json': { schema } };
      }
    }
  }
}
