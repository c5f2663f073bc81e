// Routes every resource URL to the resource API: /api/v1/... and /apis/<group>/<version>/...
import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { StatusError } from '@kubenest/apimachinery';
import { QueryParams, firstValue, queryBool } from '@kubenest/apimachinery/query';
import { ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { PodConnect } from '../node-tunnel';
import { ApiPath, parseApiPath } from './api-path';
import { RequestAuthorizer } from './request-authorizer';
import { withDeadline } from './request-deadline';
import { ApiRequest, ResourceApi } from './resource-api.service';

const splitPath = (path: string | string[]): string[] => (Array.isArray(path) ? path : path.split('/'));

@Controller()
export class ResourceController {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly stores: ResourceStores,
    private readonly api: ResourceApi,
    private readonly authorizer: RequestAuthorizer,
    private readonly podConnect: PodConnect,
  ) {}

  @All('api/:version/*path')
  core(
    @Param('version') version: string,
    @Param('path') path: string | string[],
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.serve(parseApiPath('', version, splitPath(path)), req, res);
  }

  @All('apis/:group/:version/*path')
  grouped(
    @Param('group') group: string,
    @Param('version') version: string,
    @Param('path') path: string | string[],
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.serve(parseApiPath(group, version, splitPath(path)), req, res);
  }

  private async serve(path: ApiPath, req: Request, res: Response): Promise<void> {
    if (this.podConnect.handles(path)) return this.podConnect.serve(path, req, res);
    const strategy = this.registry.find(path.group, path.version, path.resource);
    if (!strategy) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    if (strategy.namespaced === false && path.namespace) {
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    }
    const r: ApiRequest = {
      path,
      entry: this.stores.entry(strategy),
      query: req.query as Record<string, any>,
      user: req.user as ApiRequest['user'],
    };
    await this.authorizer.authorize(req, path);
    const watch = req.method === 'GET' && queryBool(firstValue(req.query as QueryParams, 'watch'));
    return watch ? this.dispatch(r, req, res) : withDeadline(this.dispatch(r, req, res));
  }

  private dispatch(r: ApiRequest, req: Request, res: Response): Promise<void> {
    switch (req.method) {
      case 'GET':
        return this.api.get(r, req, res);
      case 'POST':
        return this.api.create(r, req, res);
      case 'PUT':
        return this.api.replace(r, req, res);
      case 'PATCH':
        return this.api.patch(r, req, res);
      case 'DELETE':
        return this.api.delete(r, req, res);
      default:
        throw StatusError.methodNotAllowed(`the server does not allow this method on the requested resource`);
    }
  }
}
