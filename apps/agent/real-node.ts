// This host as a node: join (or reuse the stored identity), register and heartbeat, and keep the
// tunnel through which the control plane reaches its pods' logs and exec.
import { AgentConfig } from './config';
import { HttpsApiClient } from './client/https-api-client';
import { httpsJoinDeps, joinNode } from './join';
import { readHostFacts } from './node/host-facts';
import { nodeApi } from './node/node-api';
import { nodeSettingsFor } from './node/node-object';
import { readHostPressure } from './node/pressure-signals';
import { RunningNode, runNode } from './node/run-node';
import { startNodePods } from './pods';
import { HostPodStreams, startTunnel } from './tunnel';

export async function startRealNode(config: AgentConfig, signal?: AbortSignal): Promise<RunningNode> {
  const { credentials } = await joinNode(httpsJoinDeps(config.server))({
    server: config.server,
    nodeName: config.name,
    dir: config.dataDir,
    token: config.token,
    caCertHash: config.caCertHash,
  });
  const client = new HttpsApiClient(credentials);
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
    credentials,
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
    stop: async () => {
      await tunnel.stop();
      await pods.stop();
      await running.stop();
      client.close();
    },
  };
}
