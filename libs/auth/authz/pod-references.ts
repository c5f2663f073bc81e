// The objects a pod names, which the node running it may read: its service account and the
// secrets and config maps of kube's podutil.VisitPodSecretNames and VisitPodConfigmapNames
// (image pull secrets, env and envFrom of init, regular and ephemeral containers, volumes).
import type { Container, Pod } from '@kubenest/api/core/types';

export type ReferenceKind = 'secret' | 'configmap' | 'serviceaccount';

export interface PodReference {
  kind: ReferenceKind;
  name: string;
}

/** Set on the API copy of a static pod; kube gives such pods no edges beyond their node. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];

/** The secrets volume plugins log in with, as kube's visitor lists them. */
const pluginSecrets = (v: Volume): (string | undefined)[] => [
  v.azureFile?.secretName,
  v.cephfs?.secretRef?.name,
  v.cinder?.secretRef?.name,
  v.flexVolume?.secretRef?.name,
  v.rbd?.secretRef?.name,
  v.scaleIO?.secretRef?.name,
  v.iscsi?.secretRef?.name,
  v.storageos?.secretRef?.name,
  v.csi?.nodePublishSecretRef?.name,
];

const containerReferences = (c: Container): [ReferenceKind, string | undefined][] => [
  ...(c.envFrom ?? []).flatMap((from): [ReferenceKind, string | undefined][] => [
    ['secret', from.secretRef?.name],
    ['configmap', from.configMapRef?.name],
  ]),
  ...(c.env ?? []).flatMap((env): [ReferenceKind, string | undefined][] => [
    ['secret', env.valueFrom?.secretKeyRef?.name],
    ['configmap', env.valueFrom?.configMapKeyRef?.name],
  ]),
];

const volumeReferences = (v: Volume): [ReferenceKind, string | undefined][] => [
  ['secret', v.secret?.secretName],
  ['configmap', v.configMap?.name],
  ...(v.projected?.sources ?? []).flatMap((source): [ReferenceKind, string | undefined][] => [
    ['secret', source.secret?.name],
    ['configmap', source.configMap?.name],
  ]),
  ...pluginSecrets(v).map((name): [ReferenceKind, string | undefined] => ['secret', name]),
];

/** Every object the pod names, each once; none for a mirror pod. */
export function podReferences(pod: Pod): PodReference[] {
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return [];
  const spec = pod.spec ?? { containers: [] };
  const containers: Container[] = [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
    ...((spec.ephemeralContainers ?? []) as Container[]),
  ];
  const all: [ReferenceKind, string | undefined][] = [
    ['serviceaccount', spec.serviceAccountName],
    ...(spec.imagePullSecrets ?? []).map((s): [ReferenceKind, string | undefined] => ['secret', s.name]),
    ...containers.flatMap(containerReferences),
    ...(spec.volumes ?? []).flatMap(volumeReferences),
  ];
  const seen = new Map<string, PodReference>();
  for (const [kind, name] of all) if (name) seen.set(`${kind}/${name}`, { kind, name });
  return [...seen.values()];
}
