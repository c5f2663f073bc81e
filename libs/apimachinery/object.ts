// The shape every stored Kubernetes object shares: type meta, object meta, and the rest.
import type { IObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

export type ObjectMeta = IObjectMeta;

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupResource {
  group: string;
  resource: string;
}

/** "apps/v1" or "v1" for the core group. */
export const apiVersionOf = (gv: { group: string; version: string }): string =>
  gv.group ? `${gv.group}/${gv.version}` : gv.version;

/** "deployments.apps" or "pods": how kube-apiserver names a resource in messages. */
export const qualifiedResource = (gr: GroupResource): string => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);
