// The pod GC's passes, as kube's PodGCController: every period it trims terminated pods above the
// threshold, force-deletes terminating pods of nodes marked out of service, deletes the pods of nodes missing longer than the quarantine (asking the API before,
// as the informer may lag) and the unscheduled terminating pods. A pod not yet terminal is first
// marked Failed (an orphan also with the DisruptionTarget condition, reason DeletionByPodGC), then
// force-deleted.
import type { Logger } from '@nestjs/common';
import type { Node, Pod } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import type { ResourceClient } from '@kubenest/client';
import { resources } from '@kubenest/client';
import type { Lister } from '../informer';
import {
  isTerminated,
  podsOnMissingNodes,
  terminatedOverThreshold,
  terminatingOutOfService,
  unscheduledTerminating,
} from './pod-garbage';

export interface PodGCDeps {
  client: ResourceClient;
  pods: Lister<Pod>;
  nodes: Lister<Node>;
  terminatedPodThreshold: number;
  /** How long a node must have been missing before its pods go (kube's quarantineTime, 40 s). */
  quarantineMs: number;
  now: () => number;
  logger: Logger;
}

const ignore404 = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await write();
  } catch (e) {
    if (!(StatusError.is(e) && e.code === 404)) throw e;
  }
};

export class PodGC {
  /** Missing node → when it was first seen missing. */
  private readonly missingSince = new Map<string, number>();

  constructor(private readonly deps: PodGCDeps) {}

  async pass(): Promise<void> {
    const pods = this.deps.pods.list();
    for (const pod of terminatedOverThreshold(pods, this.deps.terminatedPodThreshold))
      await this.remove(pod, 'terminated');
    for (const pod of terminatingOutOfService(pods, (name) => this.deps.nodes.get(undefined, name)))
      await this.remove(pod, 'out-of-service');
    await this.orphaned(pods);
    for (const pod of unscheduledTerminating(pods)) await this.remove(pod, 'unscheduled');
  }

  private async orphaned(pods: Pod[]): Promise<void> {
    const now = this.deps.now();
    const missing = podsOnMissingNodes(pods, (name) => !!this.deps.nodes.get(undefined, name));
    for (const node of this.missingSince.keys()) if (!missing.has(node)) this.missingSince.delete(node);
    for (const [node, onNode] of missing) {
      const since = this.missingSince.get(node) ?? now;
      this.missingSince.set(node, since);
      if (now - since < this.deps.quarantineMs) continue;
      if (await this.nodeExists(node)) continue;
      for (const pod of onNode) await this.remove(pod, 'orphaned');
    }
  }

  private async nodeExists(name: string): Promise<boolean> {
    try {
      await this.deps.client.resource(resources.nodes).get(undefined, name);
      return true;
    } catch (e) {
      if (StatusError.is(e) && e.code === 404) return false;
      throw e;
    }
  }

  private async remove(pod: Pod, reason: 'terminated' | 'out-of-service' | 'orphaned' | 'unscheduled'): Promise<void> {
    const api = this.deps.client.resource<Pod>(resources.pods);
    const { namespace, name } = pod.metadata;
    this.deps.logger.log(`deleting pod ${namespace}/${name}`);
    if (reason !== 'terminated' && !isTerminated(pod))
      await ignore404(() =>
        api.patch(
          namespace,
          name!,
          'application/strategic-merge-patch+json',
          markFailedPatch(this.deps.now(), reason === 'orphaned'),
          {
            subresource: 'status',
          },
        ),
      );
    await ignore404(() => api.delete(namespace, name!, { gracePeriodSeconds: 0 }));
  }
}

/** The status patch kube's podgc sends before deleting a pod that has not finished. */
export const markFailedPatch = (now: number, withCondition: boolean) => ({
  status: {
    phase: 'Failed',
    conditions: !withCondition
      ? undefined
      : [
          {
            type: 'DisruptionTarget',
            status: 'True',
            reason: 'DeletionByPodGC',
            message: 'PodGC: node no longer exists',
            lastTransitionTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          },
        ],
  },
});
