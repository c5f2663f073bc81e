// Defaults of a pod spec, in pods and in pod templates alike, as core/v1's defaulting functions
// set them (SetDefaults_PodSpec, _Container, _ContainerPort, _Volume, _Probe).
import { Container, PodSpec } from './types';
import { defaultImagePullPolicy } from './image-pull-policy';

type Probe = NonNullable<Container['livenessProbe']>;
type Volume = NonNullable<PodSpec['volumes']>[number];

const volumeSourceKeys = (v: Volume): string[] => Object.keys(v).filter((k) => k !== 'name');

// Mounted files get mode 0644 unless the spec says otherwise.
const defaultFileMode = 0o644;

const defaultProbe = (probe: Probe | undefined): void => {
  if (!probe) return;
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  if (probe.httpGet) {
    probe.httpGet.path ||= '/';
    probe.httpGet.scheme ||= 'HTTP';
  }
};

export const defaultContainer = (c: Container): void => {
  c.imagePullPolicy ||= defaultImagePullPolicy(c.image ?? '');
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ||= 'TCP';
  for (const env of c.env ?? []) {
    if (env.valueFrom?.fieldRef) env.valueFrom.fieldRef.apiVersion ||= 'v1';
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
};

const defaultVolume = (v: Volume): void => {
  if (volumeSourceKeys(v).length === 0) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= defaultFileMode;
  if (v.configMap) v.configMap.defaultMode ??= defaultFileMode;
  if (v.downwardAPI) v.downwardAPI.defaultMode ??= defaultFileMode;
  if (v.projected) v.projected.defaultMode ??= defaultFileMode;
};

export const defaultPodSpec = (spec: PodSpec): void => {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
};

export const volumeSourceCount = (v: Volume): number => volumeSourceKeys(v).length;
