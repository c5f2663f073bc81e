// The Swagger console at /docs: a static page (no credentials needed to load it) carrying the
// merged OpenAPI document; its calls go to the API with the bearer token entered under Authorize.
import type { NestExpressApplication } from '@nestjs/platform-express';
import swaggerUi from 'swagger-ui-express';
import { Strategy } from '@kubenest/registry';
import { buildMergedOpenApiV3 } from '@kubenest/api/openapi';

export const SWAGGER_CONSOLE_PATH = '/docs';

export function mountSwaggerConsole(app: NestExpressApplication, strategies: Strategy[]): void {
  const document = buildMergedOpenApiV3(strategies);
  const options: swaggerUi.SwaggerUiOptions = {
    customSiteTitle: 'Kubenest API',
    swaggerOptions: {
      persistAuthorization: true,
      filter: true,
      docExpansion: 'none',
      tryItOutEnabled: true,
      defaultModelsExpandDepth: -1,
    },
  };
  app.use(SWAGGER_CONSOLE_PATH, swaggerUi.serveFiles(document, options), swaggerUi.setup(document, options));
}
