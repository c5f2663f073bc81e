// The Swagger console at /docs: a public page that carries no part of the API, only the means to
// authorize; once its user has entered a bearer token under Authorize, the page loads the merged
// OpenAPI document from CONSOLE_DOCUMENT_PATH, which only authenticated clients may read, and its
// calls go to the API with the same token.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import { ResourceRegistry } from '@kubenest/registry';
import { buildMergedOpenApiV3, emptyDocument } from '@kubenest/api/openapi';
import { writeJson } from '../http/json-response';
import { documentLoaderPlugin } from './document-loader.plugin';

export const SWAGGER_CONSOLE_PATH = '/docs';

/** Outside /docs, whose paths anyone may read. */
export const CONSOLE_DOCUMENT_PATH = '/openapi/console';

export function mountSwaggerConsole(app: NestExpressApplication, registry: ResourceRegistry): void {
  // Built on first read and again after kinds are added or removed.
  let document: string | undefined;
  registry.onChange(() => (document = undefined));
  app
    .getHttpAdapter()
    .getInstance()
    .get(CONSOLE_DOCUMENT_PATH, (_req: Request, res: Response) => {
      document ??= JSON.stringify(buildMergedOpenApiV3(registry.strategies));
      writeJson(res, 200, document);
    });
  const placeholder = emptyDocument('Authorize with a bearer token (e.g. the admin token) to load the API.');
  const options: swaggerUi.SwaggerUiOptions = {
    customSiteTitle: 'Kubenest API',
    swaggerOptions: {
      documentUrl: CONSOLE_DOCUMENT_PATH,
      plugins: [documentLoaderPlugin],
      persistAuthorization: true,
      filter: true,
      docExpansion: 'none',
      tryItOutEnabled: true,
      defaultModelsExpandDepth: -1,
    },
  };
  app.use(SWAGGER_CONSOLE_PATH, swaggerUi.serveFiles(placeholder, options), swaggerUi.setup(placeholder, options));
}
