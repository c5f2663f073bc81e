// One subresource of a kind (status, scale, binding, eviction, finalize, approval, or a connect
// one: log, exec, attach, portforward), as kube-apiserver gives each its own REST storage
// beside the resource's: a small handler serving the verbs it has, below HTTP.
import { IncomingMessage, ServerResponse } from 'node:http';
import { GroupVersionKind, KubeObject, Status } from '@kubenest/apimachinery';
import type { GenericStore, WriteContext } from '../generic-store';

/** The object a subresource request addresses, and the store of its resource. */
export interface SubresourceTarget {
  store: GenericStore;
  namespace: string | undefined;
  name: string;
}

/** Receives the subresource's current view (a private copy) and returns the desired one. */
export type SubresourceUpdate = (current: KubeObject) => KubeObject;

/** A connect subresource's target as the URL names it. */
export interface ConnectTarget {
  namespace: string | undefined;
  name: string;
  subresource: string;
}

/**
 * Serves a connect subresource on the app's transport, as kube's rest.Connecter hands back an
 * http.Handler: the stream (a log, an upgraded exec or port-forward) is the app's to carry.
 */
export type ConnectHandler = (target: ConnectTarget, req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Subresource {
  /** The kind the subresource reads and writes; undefined: the resource's own (status, finalize, approval). */
  kind?: GroupVersionKind;
  /** GET: the subresource's view of the object. */
  get?(target: SubresourceTarget): Promise<KubeObject>;
  /** PUT and PATCH: a guaranteed update through the view; answers the view written. */
  update?(target: SubresourceTarget, updateFn: SubresourceUpdate, ctx: WriteContext): Promise<KubeObject>;
  /** POST of a body of `kind` (a Binding, an Eviction); answers the Status that says it was done. */
  create?(target: SubresourceTarget, body: KubeObject, ctx: WriteContext): Promise<Status>;
  /** Marks a connect subresource; its handler is the app's (see ResourceStores.registerConnect). */
  connect?: { handler?: ConnectHandler };
}

/** kube-apiserver's answer to a subresource POST that did its work: a Success Status, code 201. */
export const createdStatus = (): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  code: 201,
});
