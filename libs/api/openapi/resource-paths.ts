// The REST paths of one served resource as kube-apiserver documents them: collection, item,
// watch and subresource paths, each operation tagged with its action and group-version-kind.
import { GroupVersionKind, groupVersionPath } from '@kubenest/apimachinery';
import { Strategy } from '@kubenest/registry';
import { definitionNameOf, schemaRef } from './definitions';
import {
  createParams,
  deleteCollectionParams,
  deleteParams,
  listParams,
  nameParam,
  namespaceParam,
  patchParams,
  prettyParam,
  updateParams,
} from './operation-parameters';
import { OpenApiContent, OpenApiOperation, OpenApiParameter, OpenApiPathItem, OpenApiSchema } from './openapi-types';
import { isCreateOnly, resourceVerbs, subresourcesOf } from './resource-verbs';

const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const DELETE_OPTIONS = 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions';
const WATCH_EVENT = 'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const PATCH_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/** "events.k8s.io" → "Events", "" → "Core", "rbac.authorization.k8s.io" → "RbacAuthorization": kube's operationId part. */
export function groupIdentifier(group: string): string {
  if (!group) return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** "core_v1", "apps_v1", "events_v1": kube's operation tags. */
export function groupVersionTag(group: string, version: string): string {
  const id = groupIdentifier(group);
  return `${id.charAt(0).toLowerCase()}${id.slice(1)}_${version}`;
}

const json = (schema: OpenApiSchema): OpenApiContent => ({ 'application/json': { schema } });

/** The definitions a resource's paths refer to, for the document's components. */
export interface ResourcePaths {
  paths: Record<string, OpenApiPathItem>;
  definitions: string[];
}

export function resourcePaths(s: Strategy): ResourcePaths {
  const { group, version, kind, plural } = s.kind;
  const gvk: GroupVersionKind = { group, version, kind };
  const definitions = new Set<string>([STATUS]);
  const def = definitionNameOf(gvk);
  if (!def) return { paths: {}, definitions: [] };
  definitions.add(def);
  const listDef = definitionNameOf({ ...gvk, kind: `${kind}List` });
  const tag = groupVersionTag(group, version);
  const idGroupVersion = `${groupIdentifier(group)}${version.charAt(0).toUpperCase()}${version.slice(1)}`;
  const idScopedKind = `${s.namespaced ? 'Namespaced' : ''}${kind}`;
  const idKind = `${idGroupVersion}${idScopedKind}`;
  const idKindAll = `${idGroupVersion}${kind}`;

  const op = (
    action: string,
    verb: string,
    description: string,
    params: OpenApiParameter[],
    responses: Record<string, OpenApiSchema | undefined>,
    opGvk = gvk,
    body?: OpenApiContent,
  ): OpenApiOperation => {
    const operation: OpenApiOperation = {
      tags: [tag],
      description,
      operationId: `${verb}${action}`,
      parameters: params,
      responses: { '401': { description: 'Unauthorized' } },
      'x-kubernetes-action': ACTION_OF_VERB[verb] ?? verb,
      'x-kubernetes-group-version-kind': opGvk,
    };
    if (params.length === 0) delete operation.parameters;
    if (body) operation.requestBody = { content: body, required: true };
    for (const [code, schema] of Object.entries(responses)) {
      operation.responses[code] = { description: RESPONSE_TEXT[code], ...(schema ? { content: json(schema) } : {}) };
    }
    return operation;
  };

  const prefix = groupVersionPath(group, version);
  const scope = s.namespaced ? `${prefix}/namespaces/{namespace}` : prefix;
  const scopeParams = s.namespaced ? [namespaceParam, prettyParam] : [prettyParam];
  const itemParams = [nameParam(kind), ...scopeParams];
  const obj = schemaRef(def);
  const paths: Record<string, OpenApiPathItem> = {};

  if (isCreateOnly(s)) {
    paths[`${scope}/${plural}`] = {
      parameters: scopeParams,
      post: op(
        idKind,
        'create',
        `create a ${kind}`,
        createParams,
        { '200': obj, '201': obj, '202': obj },
        gvk,
        json(obj),
      ),
    };
    return { paths, definitions: [...definitions] };
  }

  const verbs = new Set(resourceVerbs(s));
  const list = listDef ? schemaRef(listDef) : undefined;
  if (listDef) definitions.add(listDef);
  definitions.add(DELETE_OPTIONS).add(WATCH_EVENT).add(PATCH);
  const event = schemaRef(WATCH_EVENT);
  const patchBody: OpenApiContent = Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: schemaRef(PATCH) }]));
  const deleteBody = json(schemaRef(DELETE_OPTIONS));

  const collection: OpenApiPathItem = { parameters: scopeParams };
  collection.get = op(idKind, 'list', `list or watch objects of kind ${kind}`, listParams, { '200': list });
  collection.post = op(
    idKind,
    'create',
    `create a ${kind}`,
    createParams,
    { '200': obj, '201': obj, '202': obj },
    gvk,
    json(obj),
  );
  if (verbs.has('deletecollection')) {
    collection.delete = {
      ...op(
        `${idGroupVersion}Collection${idScopedKind}`,
        'delete',
        `delete collection of ${kind}`,
        deleteCollectionParams,
        { '200': schemaRef(STATUS) },
        gvk,
        deleteBody,
      ),
      'x-kubernetes-action': 'deletecollection',
    };
  }
  paths[`${scope}/${plural}`] = collection;
  paths[`${scope}/${plural}/{name}`] = {
    parameters: itemParams,
    get: op(idKind, 'read', `read the specified ${kind}`, [], { '200': obj }),
    put: op(
      idKind,
      'replace',
      `replace the specified ${kind}`,
      updateParams,
      { '200': obj, '201': obj },
      gvk,
      json(obj),
    ),
    patch: op(
      idKind,
      'patch',
      `partially update the specified ${kind}`,
      patchParams,
      { '200': obj, '201': obj },
      gvk,
      patchBody,
    ),
    delete: op(idKind, 'delete', `delete a ${kind}`, deleteParams, { '200': obj, '202': obj }, gvk, deleteBody),
  };
  const watchScope = s.namespaced ? `${prefix}/watch/namespaces/{namespace}` : `${prefix}/watch`;
  paths[`${watchScope}/${plural}`] = {
    parameters: [...scopeParams, ...listParams],
    get: watchOp(
      op(`${idKind}List`, 'watch', `watch individual changes to a list of ${kind}`, [], { '200': event }),
      'watchlist',
    ),
  };
  paths[`${watchScope}/${plural}/{name}`] = {
    parameters: [...itemParams, ...listParams],
    get: watchOp(op(idKind, 'watch', `watch changes to an object of kind ${kind}`, [], { '200': event }), 'watch'),
  };
  if (s.namespaced) {
    paths[`${prefix}/${plural}`] = {
      parameters: [prettyParam, ...listParams],
      get: op(`${idKindAll}ForAllNamespaces`, 'list', `list or watch objects of kind ${kind}`, [], { '200': list }),
    };
    paths[`${prefix}/watch/${plural}`] = {
      parameters: [prettyParam, ...listParams],
      get: watchOp(
        op(`${idKindAll}ListForAllNamespaces`, 'watch', `watch individual changes to a list of ${kind}`, [], {
          '200': event,
        }),
        'watchlist',
      ),
    };
  }

  for (const sub of subresourcesOf(s).filter((r) => DOCUMENTED_SUBRESOURCES.has(r.name))) {
    const subDef = definitionNameOf(sub.kind);
    if (!subDef) continue;
    definitions.add(subDef);
    const subObj = schemaRef(subDef);
    const suffix = sub.name.charAt(0).toUpperCase() + sub.name.slice(1);
    const item: OpenApiPathItem = { parameters: [nameParam(sub.kind.kind), ...scopeParams] };
    if (sub.verbs.includes('get'))
      item.get = op(
        `${idKind}${suffix}`,
        'read',
        `read ${sub.name} of the specified ${kind}`,
        [],
        { '200': subObj },
        sub.kind,
      );
    if (sub.verbs.includes('update')) {
      item.put = op(
        `${idKind}${suffix}`,
        'replace',
        `replace ${sub.name} of the specified ${kind}`,
        updateParams,
        { '200': subObj, '201': subObj },
        sub.kind,
        json(subObj),
      );
    }
    if (sub.verbs.includes('patch')) {
      item.patch = op(
        `${idKind}${suffix}`,
        'patch',
        `partially update ${sub.name} of the specified ${kind}`,
        patchParams,
        { '200': subObj, '201': subObj },
        sub.kind,
        patchBody,
      );
    }
    if (sub.verbs.includes('create')) {
      item.post = op(
        `${idKind}${suffix}`,
        'create',
        `create ${sub.name} of a ${kind}`,
        createParams,
        { '200': subObj, '201': subObj, '202': subObj },
        sub.kind,
        json(subObj),
      );
    }
    paths[`${scope}/${plural}/{name}/${sub.name}`] = item;
  }
  return { paths, definitions: [...definitions] };
}

/** Subresources whose bodies are objects; log, exec and the like stream and are left out, as kube's v3 documents mostly do. */
const DOCUMENTED_SUBRESOURCES = new Set(['status', 'scale', 'approval', 'binding', 'eviction', 'token']);

const ACTION_OF_VERB: Record<string, string> = { create: 'post', read: 'get', replace: 'put' };

const RESPONSE_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

function watchOp(operation: OpenApiOperation, action: string): OpenApiOperation {
  const content = operation.responses['200'].content;
  if (content) content['application/json;stream=watch'] = content['application/json'];
  return { ...operation, 'x-kubernetes-action': action };
}
