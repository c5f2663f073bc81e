// The node's pods: one worker per pod UID, fed by the pod source. Processes left by an earlier
// agent run are killed first, so that no pod runs twice; workers then start from the status
// that run reported.
import { Logger } from '@nestjs/common';
import { PodWorker, PodWorkerDeps } from './pod-worker';
import type { Pod } from './pod-types';

const logger = new Logger('PodManager');

export class PodManager {
  private readonly workers = new Map<string, PodWorker>();

  constructor(private readonly deps: PodWorkerDeps) {}

  /** Kills what an earlier run left running; call before the first pod arrives. */
  async cleanUp(): Promise<void> {
    const orphans = await this.deps.runtime.cleanUpOrphans();
    for (const o of orphans)
      logger.log(`stopped container ${o.container} of pod ${o.podUid} left by an earlier run (pid ${o.pid})`);
  }

  onList(pods: Pod[]): void {
    const seen = new Set(pods.map((p) => p.metadata.uid));
    for (const [uid, worker] of this.workers) if (!seen.has(uid)) worker.remove();
    for (const pod of pods) this.onPod(pod, false);
  }

  onPod(pod: Pod, deleted: boolean): void {
    const uid = pod.metadata.uid ?? '';
    const worker = this.workers.get(uid);
    if (deleted) return worker?.remove();
    if (worker) return worker.update(pod);
    const created = new PodWorker(this.deps, pod, (done) => this.workers.delete(done));
    this.workers.set(uid, created);
    created.kick();
  }

  /** The worker of a pod, for logs and exec. */
  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.workers.values()].map((w) => w.close()));
  }
}
