// What the scheduler e2e tests read and write through the real kubectl: pod manifests with the
// scheduling fields they vary, where pods landed, and the Events the scheduler left on them (as
// `kubectl get events` shows kube-scheduler's events.k8s.io Events through core/v1).
import { Kubectl } from '@kubenest/testing/kubectl';
import { waitFor } from '@kubenest/testing/wait';

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
export const HOSTNAME = 'kubernetes.io/hostname';
export const ZONE = 'topology.kubernetes.io/zone';

export interface PodView {
  metadata: {
    name: string;
    uid: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec: { nodeName?: string; schedulerName?: string };
  status: {
    phase?: string;
    nominatedNodeName?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface EventView {
  reason: string;
  message: string;
  type: string;
  count?: number;
  series?: { count?: number };
  involvedObject: { name: string; uid?: string; kind?: string };
  source?: { component?: string };
  reportingComponent?: string;
}

/** The scheduling part of a pod spec, plus labels; the container asks for `cpu` when given. */
export interface PodShape {
  labels?: Record<string, string>;
  cpu?: string;
  spec?: Record<string, unknown>;
}

export const podManifest = (name: string, shape: PodShape = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: shape.labels ?? {} },
  spec: {
    containers: [
      {
        name: 'c',
        image: PAUSE_IMAGE,
        ...(shape.cpu ? { resources: { requests: { cpu: shape.cpu } } } : {}),
      },
    ],
    ...shape.spec,
  },
});

export const onNode = (node: string) => ({ nodeSelector: { [HOSTNAME]: node } });

export const requiredNodeAffinity = (...terms: Record<string, unknown>[][]) => ({
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })),
      },
    },
  },
});

export const podAffinityTerm = (labels: Record<string, string>, topologyKey: string) => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
});

/** Whether the event was written by kube-scheduler's default profile (describe's "From" column). */
export const fromDefaultScheduler = (e: EventView): boolean =>
  e.reportingComponent === 'default-scheduler' || e.source?.component === 'default-scheduler';

/** How many times an Event happened: a repeated one is counted on the object, not written again. */
export const occurrences = (e: EventView): number => Math.max(e.count ?? 1, e.series?.count ?? 1);

export class SchedulingView {
  constructor(private readonly kubectl: Kubectl) {}

  async apply(namespace: string, objects: object[]): Promise<void> {
    await this.kubectl.ok(['apply', '-n', namespace, '-f', '-'], {
      input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
    });
  }

  async pods(namespace: string): Promise<PodView[]> {
    return JSON.parse(await this.kubectl.ok(['get', 'pods', '-n', namespace, '-o', 'json'])).items;
  }

  async pod(namespace: string, name: string): Promise<PodView> {
    return JSON.parse(await this.kubectl.ok(['get', 'pod', name, '-n', namespace, '-o', 'json']));
  }

  async events(namespace: string, podName?: string): Promise<EventView[]> {
    const items: EventView[] = JSON.parse(
      await this.kubectl.ok(['get', 'events', '-n', namespace, '-o', 'json']),
    ).items;
    return items.filter((e) => podName === undefined || e.involvedObject.name === podName);
  }

  /** Waits until every named pod has a node; answers pod name → node name. */
  async waitBound(namespace: string, names: string[], timeoutMs = 20_000): Promise<Record<string, string>> {
    return waitFor(
      `pods ${names.join(', ')} in ${namespace} bound to nodes`,
      async () => {
        const bound = Object.fromEntries(
          (await this.pods(namespace)).filter((p) => p.spec.nodeName).map((p) => [p.metadata.name, p.spec.nodeName!]),
        );
        return names.every((n) => bound[n]) ? bound : undefined;
      },
      timeoutMs,
      250,
    );
  }

  /**
   * Waits until the scheduler has given up on the pod for now (PodScheduled=False, Unschedulable,
   * and its FailedScheduling Event written); answers that Event's message.
   */
  async waitUnschedulable(namespace: string, name: string, timeoutMs = 20_000): Promise<string> {
    return waitFor(
      `pod ${namespace}/${name} reported unschedulable`,
      async () => {
        const pod = await this.pod(namespace, name);
        const condition = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
        if (condition?.status !== 'False' || condition.reason !== 'Unschedulable') return undefined;
        const failed = (await this.events(namespace, name)).filter(
          (e) => e.reason === 'FailedScheduling' && fromDefaultScheduler(e),
        );
        return failed.at(-1)?.message;
      },
      timeoutMs,
      250,
    );
  }

  /** Scheduling attempts that failed, as the FailedScheduling Events count them. */
  async failedAttempts(namespace: string, name: string): Promise<number> {
    return (await this.events(namespace, name))
      .filter((e) => e.reason === 'FailedScheduling' && fromDefaultScheduler(e))
      .reduce((sum, e) => sum + occurrences(e), 0);
  }
}
