// The resource verbs over HTTP: decodes a request's body and query, hands them to the registry's
// ResourceHandler (the path the in-process client shares), and encodes its answer (JSON or Table).
import { Injectable } from '@nestjs/common';
import { ServerResponse } from 'node:http';
import { KubeObject } from '@kubenest/apimachinery';
import { checkPatchType } from '@kubenest/apimachinery/patch';
import { QueryParams, parseListOptions, parseWriteOptions } from '@kubenest/apimachinery/query';
import { RequestScope, ResourceEntry, ResourceHandler, RequestUser, objectJson, toTable } from '@kubenest/registry';
import { ApiMessage } from './api-message';
import { ApiPath } from './api-path';
import { parseDeleteOptions } from './delete-options';
import { apiBody, apiJson, writeJson } from './json-response';
import { decodeBody, mediaType } from './request-body';
import { responseFormat } from './response-format';
import { setWarnings } from './warnings';
import { defaultTimeoutSeconds, streamWatch } from './watch-stream';

export interface ApiRequest {
  path: ApiPath;
  entry: ResourceEntry;
  query: QueryParams;
  user?: RequestUser;
}

const sendJson = (res: ServerResponse, code: number, json: string): void => writeJson(res, code, apiBody(json));

const send = (res: ServerResponse, code: number, body: unknown): void => writeJson(res, code, apiJson(body));

const scopeOf = ({ path, entry, user }: ApiRequest): RequestScope => ({
  entry,
  namespace: path.namespace,
  name: path.name,
  subresource: path.subresource,
  user,
});

@Injectable()
export class ResourceApi {
  constructor(private readonly handler: ResourceHandler) {}

  async get(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    if (!r.path.name) return this.list(r, req, res);
    const obj = await this.handler.get(scopeOf(r));
    // A subresource of another kind (a Scale) has no Table of this resource.
    if (r.path.subresource !== undefined && obj.kind !== r.entry.strategy.kind.kind) return send(res, 200, obj);
    this.sendObjects(res, 200, r, req, obj);
  }

  async list(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const options = parseListOptions(r.query);
    const format = responseFormat(req.headers.accept, r.query);
    if (options.watch) {
      const timeoutMs = (options.timeoutSeconds || defaultTimeoutSeconds()) * 1000;
      const watch = this.handler.watch(scopeOf(r), { ...options, timeoutMs });
      return streamWatch(r.entry.strategy, watch, format, req, res);
    }
    const list = await this.handler.list(scopeOf(r), options);
    if (format.table) return send(res, 200, toTable(r.entry.strategy, list.items, list.metadata, format));
    send(res, 200, list);
  }

  async create(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    this.handler.checkWrite(scopeOf(r), 'create');
    const write = parseWriteOptions(r.query);
    const body = await decodeBody(req.body, req.headers['content-type']);
    const { object, warnings } = await this.handler.create(scopeOf(r), body, write, true);
    setWarnings(res, warnings);
    if (r.path.subresource !== undefined) return send(res, 201, object);
    this.sendObjects(res, 201, r, req, object);
  }

  async replace(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    this.handler.checkWrite(scopeOf(r), 'update');
    const write = parseWriteOptions(r.query);
    const body = await decodeBody(req.body, req.headers['content-type']);
    const { object, warnings, created } = await this.handler.update(scopeOf(r), body, write);
    setWarnings(res, warnings);
    this.sendWritten(res, created ? 201 : 200, r, req, object);
  }

  async patch(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    this.handler.checkWrite(scopeOf(r), 'patch');
    const write = parseWriteOptions(r.query);
    const contentType = mediaType(req.headers['content-type']);
    // 415 before the body is decoded.
    checkPatchType(contentType);
    const patch = await decodeBody(req.body, contentType);
    const { object, warnings } = await this.handler.patch(scopeOf(r), contentType, patch, write);
    setWarnings(res, warnings);
    this.sendWritten(res, 200, r, req, object);
  }

  async delete(r: ApiRequest, req: ApiMessage, res: ServerResponse): Promise<void> {
    const body = await decodeBody(req.body, req.headers['content-type'] ?? 'application/json');
    const options = parseDeleteOptions(body, r.query);
    if (!r.path.name) {
      return send(res, 200, await this.handler.deleteCollection(scopeOf(r), parseListOptions(r.query), options));
    }
    const answer = await this.handler.delete(scopeOf(r), options);
    if (!answer.deleted) return this.sendObjects(res, 200, r, req, answer.object);
    send(res, 200, answer.status);
  }

  /** A written object, or a subresource's view of another kind (a Scale) as plain JSON. */
  private sendWritten(res: ServerResponse, code: number, r: ApiRequest, req: ApiMessage, obj: KubeObject): void {
    if (obj.kind !== r.entry.strategy.kind.kind) return send(res, code, obj);
    this.sendObjects(res, code, r, req, obj);
  }

  private sendObjects(res: ServerResponse, code: number, r: ApiRequest, req: ApiMessage, obj: KubeObject): void {
    const format = responseFormat(req.headers.accept, r.query);
    if (!format.table) return sendJson(res, code, objectJson(obj));
    send(res, code, toTable(r.entry.strategy, [obj], { resourceVersion: obj.metadata.resourceVersion }, format));
  }
}
