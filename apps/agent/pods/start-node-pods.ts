// Pods for a real node in one call, for real-node.ts: the host-process runtime under the data
// directory, what an earlier run left running adopted, the worker manager fed by the node's pod
// informer, its events recorded.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceClient } from '@kubenest/client';
import { KubeletEventRecorder } from '../events';
import { HostProcessRuntime } from '../runtime/host-process-runtime';
import type { ContainerRuntime } from '../runtime/container-runtime';
import { podSources, podStatusApi } from './pod-api';
import { startNodePodInformer } from './node-pod-informer';
import { PodManager } from './pod-manager';
import type { NodeFacts } from './pod-types';

export interface NodePodsOptions {
  client: ResourceClient;
  dataDir: string;
  node: NodeFacts;
  runtime?: ContainerRuntime;
}

export interface NodePods {
  manager: PodManager;
  runtime: ContainerRuntime;
  /** <data-dir>/pods: each pod's volumes, container logs and process records, by uid. */
  podsDir: string;
  /** Stops watching pods; the containers run on unless the node shuts down (stopped within the grace). */
  stop(options?: { shutdownGraceSeconds?: number }): Promise<void>;
}

/** As kubelet keeps /var/lib/kubelet/pods 0750: secret volumes, logs and container environments
 * (in the process records) are the pods' own, not every local user's. */
const PODS_DIR_MODE = 0o700;

export async function startNodePods(options: NodePodsOptions): Promise<NodePods> {
  const podsDir = join(options.dataDir, 'pods');
  // Narrowed when it exists too: a data directory made beforehand (systemd's StateDirectory=, a
  // mounted volume) is often open to all, and each pod's directories below are made 0755.
  mkdirSync(podsDir, { recursive: true, mode: PODS_DIR_MODE });
  chmodSync(podsDir, PODS_DIR_MODE);
  const runtime = options.runtime ?? new HostProcessRuntime(options.dataDir);
  const events = new KubeletEventRecorder({ client: options.client, node: options.node.name });
  const manager = new PodManager({
    runtime,
    sources: podSources(options.client),
    node: options.node,
    podsDir,
    ...podStatusApi(options.client),
    recordEvent: (subject, event) => events.record(subject, event),
  });
  await manager.adoptRunning();
  const informer = startNodePodInformer(options.client, options.node.name, manager);
  return {
    manager,
    runtime,
    podsDir,
    stop: async ({ shutdownGraceSeconds } = {}) => {
      informer.stop();
      await (shutdownGraceSeconds === undefined ? manager.stop() : manager.shutdown(shutdownGraceSeconds));
    },
  };
}
