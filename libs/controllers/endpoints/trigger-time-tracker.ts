// The time behind an Endpoints' last-change-trigger-time annotation, as kube's TriggerTimeTracker
// keeps it: per Service, the trigger times last seen (each pod's Ready transition, the Service's
// creation); a sync reports the earliest among those that changed since the previous sync of the
// Service, so the annotation says when the oldest change it carries happened.
import type { Pod, Service } from '@kubenest/api/core/types';

interface ServiceState {
  serviceTime?: string;
  podTimes: Map<string, string | undefined>;
}

const podTriggerTime = (pod: Pod): string | undefined =>
  pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime as string | undefined;

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The earliest change since the Service's previous sync; undefined when none has a time. */
  compute(svc: Service, pods: Pod[]): string | undefined {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const previous = this.states.get(key);
    const changed: string[] = [];
    const podTimes = new Map<string, string | undefined>();
    for (const pod of pods) {
      const time = podTriggerTime(pod);
      podTimes.set(pod.metadata.name!, time);
      const known = previous?.podTimes.has(pod.metadata.name!);
      if (time && (!known || previous!.podTimes.get(pod.metadata.name!) !== time)) changed.push(time);
    }
    const serviceTime = svc.metadata.creationTimestamp as string | undefined;
    if (serviceTime && (!previous || previous.serviceTime !== serviceTime)) changed.push(serviceTime);
    this.states.set(key, { serviceTime, podTimes });
    return changed.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  }

  /** Forgets a deleted Service. */
  delete(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
