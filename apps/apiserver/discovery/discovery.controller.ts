// GET /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version>: discovery, negotiated by the
// Accept header between aggregated v2, aggregated v2beta1 and the legacy documents.
import { Controller, Get, Headers, OnModuleDestroy, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { StatusError } from '@kubenest/apimachinery';
import { ResourceRegistry, Strategy } from '@kubenest/registry';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  AggregatedDiscoveryVersion,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  negotiateDiscovery,
} from '@kubenest/api/discovery';
import { apiJson, writeJson } from '../http/json-response';

const notFound = (): StatusError =>
  new StatusError(404, 'NotFound', 'the server could not find the requested resource');

@Controller()
export class DiscoveryController implements OnModuleDestroy {
  /** Each answer is serialized once per set of served kinds: a change of the registry clears them. */
  private readonly cache = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly registry: ResourceRegistry) {
    this.unsubscribe = registry.onChange(() => this.cache.clear());
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  private get strategies(): Strategy[] {
    return this.registry.strategies;
  }

  @Get('api')
  api(
    @Headers('accept') accept: string | undefined,
    @Headers('host') host: string | undefined,
    @Res() res: Response,
  ): void {
    this.root('api', accept, res, () => apiVersions(this.strategies, host));
  }

  @Get('apis')
  apis(@Headers('accept') accept: string | undefined, @Res() res: Response): void {
    this.root('apis', accept, res, () => apiGroupList(this.strategies));
  }

  @Get('api/:version')
  coreResources(@Param('version') version: string, @Res() res: Response): void {
    this.legacy(`api/${version}`, res, () => apiResourceList(this.strategies, '', version));
  }

  @Get('apis/:group')
  group(@Param('group') group: string, @Res() res: Response): void {
    this.legacy(`apis/${group}`, res, () => {
      const found = apiGroup(this.strategies, group);
      return found && { kind: 'APIGroup', apiVersion: 'v1', ...found };
    });
  }

  @Get('apis/:group/:version')
  groupResources(@Param('group') group: string, @Param('version') version: string, @Res() res: Response): void {
    this.legacy(`apis/${group}/${version}`, res, () => apiResourceList(this.strategies, group, version));
  }

  private root(root: 'api' | 'apis', accept: string | undefined, res: Response, legacy: () => unknown): void {
    const format = negotiateDiscovery(accept);
    res.setHeader('Vary', 'Accept');
    if (format === 'legacy') return this.legacy(root, res, legacy);
    const version: AggregatedDiscoveryVersion = format;
    writeJson(
      res,
      200,
      this.cached(`${root}@${version}`, () => aggregatedDiscovery(this.strategies, root, version)),
      aggregatedContentType(version),
    );
  }

  private legacy(key: string, res: Response, build: () => unknown): void {
    writeJson(res, 200, this.cached(key, build));
  }

  private cached(key: string, build: () => unknown): string {
    let body = this.cache.get(key);
    if (body === undefined) {
      const value = build();
      if (value === undefined) throw notFound();
      body = apiJson(value);
      // A host-dependent /api answer and unknown paths are not cached.
      if (key !== 'api') this.cache.set(key, body);
    }
    return body;
  }
}
