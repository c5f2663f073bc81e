// A core/v1 Event as a kubelet's event recorder writes it: about a pod (and one of its containers
// through fieldPath), from source kubelet on this node, counted from first to last occurrence.
import type { KubeletEvent, PodIdentity } from './kubelet-events';

export interface EventSubject {
  pod: PodIdentity;
  /** spec.containers{name} or spec.initContainers{name}; absent for the pod itself. */
  fieldPath?: string;
}

export type CoreV1Event = {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string };
  involvedObject: { kind: 'Pod'; apiVersion: 'v1'; name: string; namespace: string; uid: string; fieldPath?: string };
  reason: string;
  message: string;
  type: string;
  source: { component: 'kubelet'; host: string };
  reportingComponent: 'kubelet';
  reportingInstance: string;
  count: number;
  firstTimestamp: string;
  lastTimestamp: string;
};

/** What makes two events the same occurrence repeated, as client-go's correlator keys them. */
export const correlationKey = (subject: EventSubject, event: KubeletEvent): string =>
  JSON.stringify([
    subject.pod.namespace,
    subject.pod.name,
    subject.pod.uid,
    subject.fieldPath ?? '',
    event.type,
    event.reason,
    event.message,
  ]);

/** As client-go names events: the object's name, a dot, the time in nanoseconds in hex. */
export const eventName = (podName: string, nanos: bigint): string => `${podName}.${nanos.toString(16)}`;

export function newEvent(
  subject: EventSubject,
  event: KubeletEvent,
  occurrence: { name: string; node: string; count: number; first: string; last: string },
): CoreV1Event {
  const { pod, fieldPath } = subject;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: occurrence.name, namespace: pod.namespace },
    involvedObject: {
      kind: 'Pod',
      apiVersion: 'v1',
      name: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason: event.reason,
    message: event.message,
    type: event.type,
    source: { component: 'kubelet', host: occurrence.node },
    reportingComponent: 'kubelet',
    reportingInstance: occurrence.node,
    count: occurrence.count,
    firstTimestamp: occurrence.first,
    lastTimestamp: occurrence.last,
  };
}
