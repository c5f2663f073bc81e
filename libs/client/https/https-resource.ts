// One resource's verbs as HTTPS requests, the way client-go's dynamic client sends them.
import { KubeObject, resourcePath } from '@kubenest/apimachinery';
import {
  DeleteOptions,
  DeleteResult,
  ObjectList,
  ResourceInterface,
  ResourceRef,
  Watch,
  WriteOptions,
} from '../resource-client';
import { HttpsTransport } from './https-transport';
import { listQuery, queryString, watchQuery, writeQuery } from './request-query';
import { ResumingWatchSettings, startResumingWatch } from './resuming-watch';

export interface HttpsResourceSettings {
  watch: ResumingWatchSettings;
  watchIdleTimeoutMs: number;
  /** Told of every watch started, so that closing the client stops it. */
  track(watch: Watch): void;
}

const namespaceOf = (obj: KubeObject) => obj.metadata.namespace || undefined;
const nameOf = (obj: KubeObject) => obj.metadata.name ?? '';

// What DeleteOptions carries in the body; dryRun travels in the query as for every write.
const deleteBody = (o: DeleteOptions) => ({
  apiVersion: 'v1',
  kind: 'DeleteOptions',
  gracePeriodSeconds: o.gracePeriodSeconds,
  propagationPolicy: o.propagationPolicy,
  preconditions: o.preconditions,
});

export function httpsResource<T extends KubeObject>(
  transport: HttpsTransport,
  ref: ResourceRef,
  settings: HttpsResourceSettings,
): ResourceInterface<T> {
  const path = (namespace?: string, name?: string, subresource?: string) =>
    resourcePath(ref, namespace, name, subresource);
  const write = (options?: WriteOptions) => queryString(writeQuery(options));
  const put = <S extends KubeObject>(obj: S, subresource: string | undefined, options?: WriteOptions) =>
    transport.request<S>({
      method: 'PUT',
      path: path(namespaceOf(obj), nameOf(obj), subresource) + write(options),
      body: obj,
    });

  return {
    get: (namespace, name) => transport.request<T>({ method: 'GET', path: path(namespace, name) }),
    list: (namespace, options) =>
      transport.request<ObjectList<T>>({ method: 'GET', path: path(namespace) + queryString(listQuery(options)) }),
    watch: (namespace, options, onEvent) => {
      const watch = startResumingWatch<T>(
        (o) => transport.stream(path(namespace) + queryString(watchQuery(o)), settings.watchIdleTimeoutMs),
        options,
        onEvent,
        settings.watch,
      );
      settings.track(watch);
      return watch;
    },
    create: (obj, options) =>
      transport.request<T>({ method: 'POST', path: path(namespaceOf(obj)) + write(options), body: obj }),
    update: (obj, options) => put(obj, undefined, options),
    updateStatus: (obj, options) => put(obj, 'status', options),
    patch: (namespace, name, patchType, patch, options = {}) =>
      transport.request<T>({
        method: 'PATCH',
        path: path(namespace, name, options.subresource) + write(options),
        body: patch,
        contentType: patchType,
      }),
    delete: (namespace, name, options = {}) =>
      transport.request<DeleteResult<T>>({
        method: 'DELETE',
        path: path(namespace, name) + write(options),
        body: deleteBody(options),
      }),
    getSubresource: <S extends KubeObject>(namespace: string | undefined, name: string, subresource: string) =>
      transport.request<S>({ method: 'GET', path: path(namespace, name, subresource) }),
    createSubresource: <S extends KubeObject, R>(
      namespace: string | undefined,
      name: string,
      subresource: string,
      body: S,
      options?: WriteOptions,
    ) => transport.request<R>({ method: 'POST', path: path(namespace, name, subresource) + write(options), body }),
    updateSubresource: (subresource, obj, options) => put(obj, subresource, options),
  };
}
