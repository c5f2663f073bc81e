// This host as a node: join (or reuse the stored identity), then register and heartbeat.
import { AgentConfig } from './config';
import { HttpsApiClient } from './client/https-api-client';
import { httpsJoinDeps, joinNode } from './join';
import { readHostFacts } from './node/host-facts';
import { nodeApi } from './node/node-api';
import { nodeSettingsFor } from './node/node-object';
import { readHostPressure } from './node/pressure-signals';
import { RunningNode, runNode } from './node/run-node';

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
  return {
    name: running.name,
    stop: async () => {
      await running.stop();
      client.close();
    },
  };
}
