// Serves the resource verbs (get, list, watch, create, update, patch, delete) for every
// resource through its generic store; ResourceRoutes stays a thin adapter from HTTP.
import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { KubeObject, StatusError, apiVersionOf, successStatus } from '@kubenest/apimachinery';
import { applyPatch, checkPatchType } from '@kubenest/apimachinery/patch';
import { QueryParams, parseListOptions, parseWriteOptions } from '@kubenest/apimachinery/query';
import { applyFieldValidation } from '@kubenest/api/openapi';
import {
  CacheListOptions,
  ResourceEntry,
  RequestUser,
  WriteSubresource,
  objectJson,
  selectionOf,
  toTable,
} from '@kubenest/registry';
import { ApiMessage } from './api-message';
import { ApiPath } from './api-path';
import { parseDeleteOptions } from './delete-options';
import { apiBody, apiJson, writeJson } from './json-response';
import { decodeBody, mediaType } from './request-body';
import { parseResourceVersion } from './resource-version';
import { responseFormat } from './response-format';
import { Scale, applyScale, toScale } from './scale';
import { setWarnings } from './warnings';
import { streamWatch } from './watch-stream';

export interface ApiRequest {
  path: ApiPath;
  entry: ResourceEntry;
  query: QueryParams;
  user?: RequestUser;
}

/**
 * resourceVersion unset: a consistent read (the store's current revision); "0": whatever the
 * cache has; N: not older than N, or exactly N with resourceVersionMatch=Exact.
 */
const revisionOptions = (
  resourceVersion: string | undefined,
  match: string | undefined,
  continuing: boolean,
): Pick<CacheListOptions, 'consistent' | 'minRevision' | 'exactRevision'> => {
  if (continuing || resourceVersion === '0') return {};
  if (resourceVersion === undefined || resourceVersion === '') return { consistent: true };
  const revision = parseResourceVersion(resourceVersion);
  return match === 'Exact' ? { exactRevision: revision } : { minRevision: revision };
};

const sendJson = (res: ServerResponse, code: number, json: string): void => writeJson(res, code, apiBody(json));

const send = (res: ServerResponse, code: number, body: unknown): void => writeJson(res, code, apiJson(body));

@Injectable()
export class ResourceApi {
  async get(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    if (!path.name) return this.list(r, req, res);
    if (path.subresource === 'scale') {
      return send(res, 200, toScale(await entry.store.get(path.namespace, path.name), this.scaleOf(r)));
    }
    if (path.subresource !== undefined && path.subresource !== 'status' && !this.servesUpdateSubresource(r)) {
      throw this.noSubresource(path);
    }
    const obj = await entry.store.get(path.namespace, path.name);
    this.sendObjects(res, 200, r, req, obj);
  }

  async list(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    const options = parseListOptions(r.query);
    const selection = selectionOf(entry.strategy, path.namespace, options.labelSelector, options.fieldSelector);
    const format = responseFormat(req.headers.accept, r.query);
    if (options.watch) return streamWatch(entry, selection, options, format, req, res);
    const result = await entry.cache.list({
      ...selection,
      ...revisionOptions(options.resourceVersion, options.resourceVersionMatch, !!options.continue),
      limit: options.limit,
      continue: options.continue,
    });
    const metadata = {
      resourceVersion: String(result.revision),
      ...(result.continue ? { continue: result.continue } : {}),
      ...(result.remainingItemCount !== undefined ? { remainingItemCount: result.remainingItemCount } : {}),
    };
    if (format.table) return send(res, 200, toTable(entry.strategy, result.items, metadata, format));
    const kind = entry.strategy.kind;
    send(res, 200, { kind: `${kind.kind}List`, apiVersion: apiVersionOf(kind), metadata, items: result.items });
  }

  async create(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    if (path.name)
      throw StatusError.methodNotAllowed(`the server does not allow this method on the requested resource`);
    const write = parseWriteOptions(r.query);
    const obj = await this.decodeObject(r, req);
    const { warnings } = applyFieldValidation(write.fieldValidation, entry.strategy.kind, obj);
    const created = await entry.store.create(path.namespace, obj, {
      user: r.user,
      dryRun: write.dryRun,
      handsOver: true,
    });
    setWarnings(res, warnings);
    this.sendObjects(res, 201, r, req, created);
  }

  async replace(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    const name = this.requireName(path);
    const write = parseWriteOptions(r.query);
    const ctx = { user: r.user, dryRun: write.dryRun };
    if (path.subresource === 'scale') {
      const scale = this.scaleOf(r);
      const desired = (await decodeBody(req.body, req.headers['content-type'])) as Scale;
      const { object } = await entry.store.update(path.namespace, name, (cur) => applyScale(cur!, desired, scale), ctx);
      return send(res, 200, toScale(object, scale));
    }
    const obj = await this.decodeObject(r, req);
    const { warnings } = applyFieldValidation(write.fieldValidation, entry.strategy.kind, obj);
    const subresource = this.writeSubresource(r);
    const { object, created } = await entry.store.update(path.namespace, name, () => obj, {
      ...ctx,
      subresource,
      allowCreate: !subresource && !!entry.strategy.allowCreateOnUpdate,
    });
    setWarnings(res, warnings);
    this.sendObjects(res, created ? 201 : 200, r, req, object);
  }

  async patch(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    const name = this.requireName(path);
    const write = parseWriteOptions(r.query);
    const contentType = mediaType(req.headers['content-type']);
    checkPatchType(contentType);
    const patch = await decodeBody(req.body, contentType);
    if (patch === undefined) throw StatusError.badRequest('the body of the request was empty');
    const ctx = { user: r.user, dryRun: write.dryRun };
    const kind = entry.strategy.kind;
    if (path.subresource === 'scale') {
      const scale = this.scaleOf(r);
      const { object } = await entry.store.update(
        path.namespace,
        name,
        (cur) => {
          const current = toScale(cur!, scale);
          const desired = applyPatch(contentType, current, patch, {
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
          });
          return applyScale(cur!, desired as Scale, scale);
        },
        ctx,
      );
      return send(res, 200, toScale(object, scale));
    }
    let warnings: string[] = [];
    const { object } = await entry.store.update(
      path.namespace,
      name,
      (cur) => {
        // A patch can remove or retype what a body must hold (metadata: null); it is checked as a body is.
        const patched = this.checkedObject(r, applyPatch(contentType, cur!, patch, kind));
        warnings = applyFieldValidation(write.fieldValidation, kind, patched).warnings;
        return patched;
      },
      { ...ctx, subresource: this.writeSubresource(r) },
    );
    setWarnings(res, warnings);
    this.sendObjects(res, 200, r, req, object);
  }

  async delete(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const { path, entry } = r;
    const body = await decodeBody(req.body, req.headers['content-type'] ?? 'application/json');
    const options = parseDeleteOptions(body, r.query);
    if (!path.name) return this.deleteCollection(r, req, res, options);
    const { object, deleted } = await entry.store.delete(path.namespace, path.name, { ...options, user: r.user });
    if (!deleted) return this.sendObjects(res, 200, r, req, object);
    send(
      res,
      200,
      successStatus({ name: path.name, group: path.group, kind: path.resource, uid: object.metadata.uid }),
    );
  }

  private async deleteCollection(
    r: ApiRequest,
    req: ApiMessage,
    res: ServerResponse,
    options: ReturnType<typeof parseDeleteOptions>,
  ): Promise<void> {
    const { path, entry } = r;
    const list = parseListOptions(r.query);
    const selection = selectionOf(entry.strategy, path.namespace, list.labelSelector, list.fieldSelector);
    const { items, revision } = await entry.cache.list({ ...selection, consistent: true });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      try {
        deleted.push(
          (await entry.store.delete(item.metadata.namespace, item.metadata.name!, { ...options, user: r.user })).object,
        );
      } catch (e) {
        if (!(StatusError.is(e) && e.code === 404)) throw e;
      }
    }
    const kind = entry.strategy.kind;
    send(res, 200, {
      kind: `${kind.kind}List`,
      apiVersion: apiVersionOf(kind),
      metadata: { resourceVersion: String(revision) },
      items: deleted,
    });
  }

  private async decodeObject(r: ApiRequest, req: ApiMessage): Promise<KubeObject> {
    return this.checkedObject(r, await decodeBody(req.body, req.headers['content-type']));
  }

  private checkedObject(r: ApiRequest, decoded: unknown): KubeObject {
    const obj = decoded as KubeObject | undefined;
    if (!obj || typeof obj !== 'object' || Array.isArray(obj))
      throw StatusError.badRequest('the body of the request was empty or not an object');
    const kind = r.entry.strategy.kind;
    const expected = kind.kind;
    const apiVersion = apiVersionOf(kind);
    if (obj.apiVersion && obj.apiVersion !== apiVersion) {
      throw StatusError.badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (obj.kind && expected && obj.kind !== expected) {
      throw StatusError.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${expected})`);
    }
    obj.apiVersion = apiVersion;
    obj.kind = kind.kind;
    obj.metadata ??= {};
    if (typeof obj.metadata !== 'object') throw StatusError.badRequest('metadata must be an object');
    return obj;
  }

  private sendObjects(res: ServerResponse, code: number, r: ApiRequest, req: ApiMessage, obj: KubeObject): void {
    const format = responseFormat(req.headers.accept, r.query);
    if (!format.table) return sendJson(res, code, objectJson(obj));
    send(res, code, toTable(r.entry.strategy, [obj], { resourceVersion: obj.metadata.resourceVersion }, format));
  }

  /**
   * The subresource a PUT or PATCH writes: the object itself, its status, (namespaces) its
   * finalizers, or one of the strategy's update subresources (a CSR's approval).
   */
  private writeSubresource(r: ApiRequest): WriteSubresource | undefined {
    const { subresource } = r.path;
    if (subresource === undefined) return undefined;
    if (subresource === 'status' && r.entry.strategy.status) return 'status';
    if (subresource === 'finalize' && r.entry.strategy.finalize) return 'finalize';
    if (this.servesUpdateSubresource(r)) return subresource;
    throw this.noSubresource(r.path);
  }

  private servesUpdateSubresource(r: ApiRequest): boolean {
    const { subresource } = r.path;
    return subresource !== undefined && Object.hasOwn(r.entry.strategy.updateSubresources ?? {}, subresource);
  }

  private noSubresource(path: ApiPath): StatusError {
    return StatusError.notFound(
      { group: path.group, resource: `${path.resource}/${path.subresource}` },
      path.name ?? '',
    );
  }

  private scaleOf(r: ApiRequest) {
    const scale = r.entry.strategy.scale;
    if (!scale)
      throw StatusError.notFound({ group: r.path.group, resource: `${r.path.resource}/scale` }, r.path.name ?? '');
    return scale;
  }

  private requireName(path: ApiPath): string {
    if (!path.name)
      throw StatusError.methodNotAllowed('the server does not allow this method on the requested resource');
    return path.name;
  }
}
