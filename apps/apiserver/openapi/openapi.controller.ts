// GET /openapi/v3 (the index of group-version documents) and /openapi/v3/<api/v1|apis/g/v>, and
// /openapi/v2 (one Swagger 2.0 document, JSON or gnostic protobuf: kubectl 1.27 and 1.28 read it
// to learn that the server validates fields), all built once from the served strategies.
import { Controller, Get, Headers, OnModuleDestroy, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { StatusError } from '@kubenest/apimachinery';
import { ResourceRegistry } from '@kubenest/registry';
import { buildOpenApiV3Documents, OpenApiV3Documents } from '@kubenest/api/openapi';
import {
  acceptsGzip,
  contentTypeOf,
  negotiateOpenApiV2,
  OPENAPI_V2_JSON,
  OPENAPI_V2_PROTOBUF,
  OpenApiV2Cache,
} from '@kubenest/api/openapi/v2';
import { writeJson } from '../http/json-response';

const notFound = (): StatusError =>
  new StatusError(404, 'NotFound', 'the server could not find the requested resource');

const PREFIX = '/openapi/v3/';

@Controller('openapi')
export class OpenApiController implements OnModuleDestroy {
  private documents?: OpenApiV3Documents;
  private rootBody?: string;
  private v2Cache?: OpenApiV2Cache;

  private readonly unsubscribe: () => void;

  /** The documents are built once per set of served kinds: a change of the registry drops them. */
  constructor(private readonly registry: ResourceRegistry) {
    this.unsubscribe = registry.onChange(() => {
      this.documents = undefined;
      this.rootBody = undefined;
      this.v2Cache = undefined;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  @Get('v3')
  root(@Res() res: Response): void {
    const docs = this.built();
    this.rootBody ??= JSON.stringify(docs.root);
    writeJson(res, 200, this.rootBody);
  }

  @Get('v3/*path')
  document(
    @Req() req: Request,
    @Query('hash') hash: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): void {
    const entry = this.built().byPath.get(req.path.slice(PREFIX.length).replace(/\/+$/, ''));
    if (!entry) throw notFound();
    const etag = `"${entry.hash}"`;
    res.setHeader('ETag', etag);
    // As kube-apiserver: a URL carrying the current hash names immutable content.
    res.setHeader('Cache-Control', hash === entry.hash ? 'public, immutable' : 'no-cache, private');
    if (ifNoneMatch === etag) {
      res.status(304).end();
      return;
    }
    writeJson(res, 200, entry.body);
  }

  @Get('v2')
  v2(
    @Headers('accept') accept: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): void {
    res.setHeader('Vary', 'Accept, Accept-Encoding');
    const format = negotiateOpenApiV2(accept);
    if (!format) {
      throw StatusError.notAcceptable(
        `only the following media types are accepted: ${OPENAPI_V2_JSON}, ${OPENAPI_V2_PROTOBUF}`,
      );
    }
    this.v2Cache ??= new OpenApiV2Cache(this.registry.strategies);
    const etag = this.v2Cache.etag();
    res.setHeader('ETag', etag);
    if (ifNoneMatch === etag) {
      res.status(304).end();
      return;
    }
    const gzip = acceptsGzip(acceptEncoding);
    res.status(200);
    res.setHeader('Content-Type', contentTypeOf(format));
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.end(gzip ? this.v2Cache.gzip(format) : this.v2Cache.body(format));
  }

  private built(): OpenApiV3Documents {
    this.documents ??= buildOpenApiV3Documents(this.registry.strategies);
    return this.documents;
  }
}
