// The events a kubelet records about a pod's containers, with its reasons and messages, so that
// `kubectl describe pod` on this agent's pods reads as it does on a kubelet's.

export type EventType = 'Normal' | 'Warning';

export interface KubeletEvent {
  type: EventType;
  reason: string;
  message: string;
}

export interface PodIdentity {
  name: string;
  namespace: string;
  uid: string;
}

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The host-process runtime pulls nothing: the image counts as present, as with pullPolicy IfNotPresent. */
export const pulled = (image: string): KubeletEvent => ({
  type: 'Normal',
  reason: 'Pulled',
  message: `Container image "${image}" already present on machine`,
});

export const created = (container: string): KubeletEvent => ({
  type: 'Normal',
  reason: 'Created',
  message: `Created container: ${container}`,
});

export const started = (container: string): KubeletEvent => ({
  type: 'Normal',
  reason: 'Started',
  message: `Started container ${container}`,
});

/** A container stopped because its pod goes. */
export const killing = (container: string): KubeletEvent => ({
  type: 'Normal',
  reason: 'Killing',
  message: `Stopping container ${container}`,
});

/** A container stopped because its liveness or startup probe failed. */
export const killingUnhealthy = (container: string, probe: string): KubeletEvent => ({
  type: 'Normal',
  reason: 'Killing',
  message: `Container ${container} failed ${probe} probe, will be restarted`,
});

export const backOff = (container: string, pod: PodIdentity): KubeletEvent => ({
  type: 'Warning',
  reason: 'BackOff',
  message: `Back-off restarting failed container ${container} in pod ${pod.name}_${pod.namespace}(${pod.uid})`,
});

/** One failed probe attempt. kubelet appends the probe's output; the agent's probes keep none. */
export const unhealthy = (probe: string): KubeletEvent => ({
  type: 'Warning',
  reason: 'Unhealthy',
  message: `${capitalized(probe)} probe failed`,
});

/** A container that could not be created or started. */
export const failed = (why: string): KubeletEvent => ({
  type: 'Warning',
  reason: 'Failed',
  message: `Error: ${why}`,
});
