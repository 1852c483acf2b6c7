import { applyDecorators, HttpCode, HttpStatus, Type, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtension,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiResponse,
} from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { Permission, ROLE_PERMISSIONS, Role } from '@stockmaster/contracts';
import { Public } from '../auth/public.decorator';
import { AnySignedIn, RequirePermission } from '../auth/require-permission.decorator';
import { ApiErrors } from '../swagger/api-errors.decorator';
import { locationInterceptor } from './location.interceptor';

/** Who may call a route: holders of a permission of the shared role map, any signed-in user, or anyone. */
export type Access = Permission | 'signed-in' | 'public';

/** The OpenAPI extension naming a route's access, read by the role × route test and by people. */
export const ACCESS_EXTENSION = 'x-access';

export interface EndpointOptions {
  access: Access;
  /** Unique and meaningful for generated clients: `validateOperation`, `listStockLevels`. */
  operationId: string;
  summary: string;
  description?: string;
  /** The success status; Nest's default (201 for POST, 200 otherwise) when absent. */
  status?: HttpStatus;
  /** The success body: a DTO class, `[Dto]` for an array; none for an empty answer. */
  type?: Type<unknown> | [Type<unknown>];
  /** The success body when a class cannot say it (a oneOf, a binary file). */
  schema?: SchemaObject;
  /** Media types of the success body other than JSON (`text/csv`, `image/png`). */
  produces?: string[];
  /**
   * Other forms of the same answer, asked for by a query (`?format=csv`): their media type and
   * schema, documented beside the JSON `type` (which `produces` would give every media type).
   */
  alternatives?: Record<string, SchemaObject>;
  /** Error statuses beyond the ones access implies (401 and 403 are added from `access`). */
  errors?: number[];
  /**
   * 201 only: where the created resource is read, relative to the API root, `{field.path}` taken
   * from the answer (`/operations/{operation.id}`). Default: the posted path + `/{id}`.
   */
  location?: string;
  /** The answer carries the resource's optimistic-lock version as its ETag. */
  etag?: boolean;
  /** The route reads the refresh-token cookie (documented with its own security scheme). */
  refreshCookie?: boolean;
}

/** The security scheme of the httpOnly refresh-token cookie (see setupSwagger). */
export const REFRESH_COOKIE_SCHEME = 'refreshCookie';

const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

function accessText(access: Access): string {
  if (access === 'public') return 'No sign-in needed.';
  if (access === 'signed-in') return 'Any signed-in user.';
  const roles = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(access));
  return `Needs \`${access}\` (${roles.join(', ')}).`;
}

/** JSON as `type` says, and each alternative with its own schema. */
function alternativesContent(
  options: EndpointOptions,
): Record<string, { schema: SchemaObject | ReferenceObject }> {
  if (!options.type || Array.isArray(options.type))
    throw new Error(
      `${options.operationId}: alternatives need a single DTO type for the JSON answer`,
    );
  return {
    'application/json': { schema: { $ref: getSchemaPath(options.type) } },
    ...Object.fromEntries(
      Object.entries(options.alternatives ?? {}).map(([type, schema]) => [type, { schema }]),
    ),
  };
}

/**
 * Everything a route declares, in one place: who may call it (checked by the global guards
 * against the shared role map), and what it answers (its summary, operationId, success schema and
 * error statuses for the OpenAPI document). A route without it is refused by the permission
 * guard, so a forgotten declaration fails closed.
 *
 * Responses are declared here rather than inferred: the Swagger CLI plugin reads DTO classes
 * only (nest-cli.json gives it no controller suffix), since it cannot see the status a route sets
 * through this decorator and would document Nest's default one beside it.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const { access } = options;
  const status = options.status ?? HttpStatus.OK;
  const errors = new Set(options.errors ?? []);
  if (access !== 'public') errors.add(401);
  if (access !== 'public' && access !== 'signed-in') errors.add(403);

  const decorators: MethodDecorator[] = [
    access === 'public'
      ? Public()
      : access === 'signed-in'
        ? AnySignedIn()
        : RequirePermission(access),
    ApiExtension(ACCESS_EXTENSION, access),
    ApiOperation({
      operationId: options.operationId,
      summary: options.summary,
      description: [options.description, accessText(access)].filter(Boolean).join('\n\n'),
      // Said explicitly, so that a client (and a linter) knows the route needs no credentials.
      ...(access === 'public' && !options.refreshCookie ? { security: [] } : {}),
    }),
    ApiResponse({
      status,
      description: options.summary,
      headers: {
        ...(status === HttpStatus.CREATED
          ? {
              Location: {
                description: 'Where the created resource is read',
                schema: { type: 'string' },
              },
            }
          : {}),
        ...(options.etag
          ? {
              ETag: {
                description: 'The version, `"<version>"`: send it back as If-Match',
                schema: { type: 'string' },
              },
            }
          : {}),
      },
      ...(options.alternatives ? { content: alternativesContent(options) } : {}),
      ...(options.type && !options.alternatives ? { type: options.type } : {}),
      ...(options.schema ? { schema: options.schema } : {}),
    }),
    ApiErrors(...[...errors].sort()),
  ];
  if (access !== 'public') decorators.push(ApiBearerAuth());
  if (options.refreshCookie) decorators.push(ApiCookieAuth(REFRESH_COOKIE_SCHEME));
  if (options.status) decorators.push(HttpCode(options.status));
  if (options.produces) decorators.push(ApiProduces(...options.produces));
  if (options.alternatives && options.type && !Array.isArray(options.type))
    decorators.push(ApiExtraModels(options.type));
  if (status === HttpStatus.CREATED)
    decorators.push(UseInterceptors(locationInterceptor(options.location)));
  return applyDecorators(...decorators);
}
