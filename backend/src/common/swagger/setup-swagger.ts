import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
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
  batches: 'Lots with expiry and freshness, QR codes',
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
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);

  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ErrorEnvelopeDto, ErrorDetailDto],
  });
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'StockMaster API',
    swaggerOptions: { persistAuthorization: true },
  });
}
