// The node's pods: one worker per pod UID, fed by the node's pod informer. As kubelet finds its
// containers still running in the runtime after a restart, the containers an earlier agent run
// left running are adopted first; the first pod LIST hands each to its pod's worker, and once it
// is in (synced) those of pods no longer bound to this node are stopped.
import { Logger } from '@nestjs/common';
import type { InformerEventHandler } from '@kubenest/controllers/informer/shared-informer';
import type { AdoptedContainer } from '../runtime/container-runtime';
import { PodWorker, PodWorkerDeps } from './pod-worker';
import type { Pod } from './pod-types';

/** The grace period of a container whose pod is gone: kubelet's floor for a pod removed without one. */
const UNBOUND_GRACE_SECONDS = 2;

const logger = new Logger('PodManager');

export class PodManager implements InformerEventHandler<Pod> {
  private readonly workers = new Map<string, PodWorker>();
  /** Adopted containers by pod UID, until the first LIST says which pods are still bound here. */
  private adopted = new Map<string, AdoptedContainer[]>();

  constructor(private readonly deps: PodWorkerDeps) {}

  /** Takes over what an earlier run left running; call before the first pod arrives. */
  async adoptRunning(): Promise<void> {
    for (const a of await this.deps.runtime.adoptRunning()) {
      logger.log(
        `adopted container ${a.name} of pod ${a.podUid} (pid ${a.container.pid}), left running by an earlier run`,
      );
      this.adopted.set(a.podUid, [...(this.adopted.get(a.podUid) ?? []), a]);
    }
  }

  add(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const worker = this.workers.get(uid);
    if (worker) return worker.update(pod);
    const created = new PodWorker(this.deps, pod, (done) => this.workers.delete(done), this.adoptedOf(pod));
    this.workers.set(uid, created);
    created.kick();
  }

  /** A pod deleted and made again under its name while the watch was down comes as one update:
   * the old UID's worker stops, as kubelet's pod config tells them apart by UID. */
  update(old: Pod, pod: Pod): void {
    if (old.metadata.uid !== pod.metadata.uid) this.delete(old);
    this.add(pod);
  }

  delete(pod: Pod): void {
    this.workers.get(pod.metadata.uid ?? '')?.remove();
  }

  /** The first LIST is in: adopted containers no bound pod claimed are stopped. */
  synced(): void {
    for (const [uid, containers] of this.adopted)
      void this.release(uid, containers, 'its pod is no longer bound to this node');
    this.adopted.clear();
  }

  /** The worker of a pod, for logs and exec. */
  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  /** The agent stops; the containers run on. */
  async stop(): Promise<void> {
    const unclaimed = [...this.adopted.values()].flat();
    this.adopted.clear();
    await Promise.all([
      ...[...this.workers.values()].map((w) => w.close()),
      ...unclaimed.map((a) => a.container.detach()),
    ]);
  }

  /** The node shuts down with the agent: every container stops, within maxGraceSeconds. */
  async shutdown(maxGraceSeconds: number): Promise<void> {
    const unclaimed = [...this.adopted.values()].flat();
    this.adopted.clear();
    await Promise.all([
      ...[...this.workers.values()].map((w) => w.shutdown(maxGraceSeconds)),
      ...unclaimed.map((a) => a.container.stop(Math.min(UNBOUND_GRACE_SECONDS, maxGraceSeconds))),
    ]);
  }

  /** The pod's adopted containers that its spec still has; any other is stopped. */
  private adoptedOf(pod: Pod): AdoptedContainer[] {
    const uid = pod.metadata.uid ?? '';
    const containers = this.adopted.get(uid) ?? [];
    this.adopted.delete(uid);
    const names = new Set([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name));
    const unknown = containers.filter((a) => !names.has(a.name));
    if (unknown.length) void this.release(uid, unknown, 'its pod has no such container', false);
    return containers.filter((a) => names.has(a.name));
  }

  /** Stops adopted containers nothing claims, and removes the pod's files once they are all gone. */
  private async release(uid: string, containers: AdoptedContainer[], why: string, removePod = true): Promise<void> {
    for (const a of containers)
      logger.log(`stopping container ${a.name} of pod ${uid} (pid ${a.container.pid}): ${why}`);
    try {
      await Promise.all(containers.map((a) => a.container.stop(UNBOUND_GRACE_SECONDS)));
      if (removePod) await this.deps.runtime.removePod(uid);
    } catch (e) {
      logger.warn(`cleaning up pod ${uid}: ${(e as Error).message}`);
    }
  }
}
