// This host as a node: join (or reuse the stored identity), register and heartbeat, and keep the
// tunnel through which the control plane reaches its pods' logs and exec. Stopped, it leaves its
// containers running, as kubelet does, unless the node shuts down with it.
import type { AgentHooks } from './agent';
import { AgentConfig } from './config';
import { agentClient } from './agent-client';
import { httpsJoinDeps, joinNode } from './join';
import { readHostFacts } from './node/host-facts';
import { nodeApi } from './node/node-api';
import { nodeSettingsFor } from './node/node-object';
import { readHostPressure } from './node/pressure-signals';
import { runNode } from './node/run-node';
import { startNodePods } from './pods';
import { HostProcessRuntime } from './runtime';
import { HostPodStreams, startTunnel } from './tunnel';

/** As kubelet's shutdownGracePeriod: the most a container gets to stop when the node shuts down. */
const NODE_SHUTDOWN_GRACE_SECONDS = 5;

export interface RealNode {
  name: string;
  stop(options?: { nodeShutdown?: boolean }): Promise<void>;
}

export async function startRealNode(config: AgentConfig, { signal, onJoined }: AgentHooks = {}): Promise<RealNode> {
  const { credentials } = await joinNode(httpsJoinDeps(config.server))({
    server: config.server,
    nodeName: config.name,
    dir: config.dataDir,
    token: config.token,
    caCertHash: config.caCertHash,
  });
  onJoined?.();
  const client = agentClient(credentials);
  const facts = readHostFacts();
  const settings = nodeSettingsFor(config.name, facts, {
    labels: config.nodeLabels,
    taints: config.registerWithTaints,
    cpu: config.cpu,
    memory: config.memory,
    pods: config.pods,
  });
  const running = await runNode(
    {
      api: nodeApi(client),
      readSignals: () => readHostPressure(config.dataDir),
      internalIP: () => client.localAddress() ?? facts.address ?? '127.0.0.1',
    },
    settings,
    { signal },
  );
  const pods = await startNodePods({
    client,
    dataDir: config.dataDir,
    node: {
      name: running.name,
      hostIP: client.localAddress() ?? facts.address ?? '127.0.0.1',
      allocatable: { cpu: settings.capacity.cpu, memory: settings.capacity.memory },
    },
  });
  const streams = new HostPodStreams({
    podsDir: pods.podsDir,
    runtime: pods.runtime,
    runningContainer: (pod, container) => pods.manager.worker(pod.uid)?.container(container),
  });
  const tunnel = startTunnel(credentials, running.name, streams);
  return {
    name: running.name,
    stop: async ({ nodeShutdown = false } = {}) => {
      await tunnel.stop();
      await pods.stop(nodeShutdown ? { shutdownGraceSeconds: NODE_SHUTDOWN_GRACE_SECONDS } : {});
      await running.stop();
      client.close();
    },
  };
}

/** The node shuts down before it has started (or --stop-pods): the containers an earlier run left
 * running stop. Says how many there were. */
export async function stopLeftRunning(dataDir: string): Promise<number> {
  const adopted = await new HostProcessRuntime(dataDir).adoptRunning();
  await Promise.all(adopted.map((a) => a.container.stop(NODE_SHUTDOWN_GRACE_SECONDS)));
  return adopted.length;
}
