// NodePorts: a pod asking for host ports goes only where none of them is held already (a port
// held on 0.0.0.0 clashes with every address, as HostPortInfo counts it).
import type { Pod } from '@kubenest/api/core/types';
import type { FilterPlugin, HostPort, PluginFactory, PreFilterPlugin, QueueingHintFn } from '../../framework';
import { podHostPorts } from '../../framework/host-ports';
import { skip, success, unschedulable } from '../../framework/status';
import { CycleValue } from './cycle-value';

export const NODE_PORTS = 'NodePorts';
export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";
const PRE_FILTER_KEY = `PreFilter${NODE_PORTS}`;

const sameAddress = (a: HostPort, b: HostPort): boolean =>
  a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0');

/** A deleted pod helps only when it held (bound or nominated) a port this pod wants. */
const schedulableAfterPodDeleted: QueueingHintFn = (pod, oldObj) => {
  const deleted = oldObj as Pod | undefined;
  if (!deleted?.spec?.nodeName && !deleted?.status?.nominatedNodeName) return 'Skip';
  const freed = podHostPorts(deleted);
  return podHostPorts(pod).some((want) => freed.some((p) => sameAddress(want, p))) ? 'Queue' : 'Skip';
};

export const newNodePorts: PluginFactory = (): PreFilterPlugin & FilterPlugin => ({
  name: NODE_PORTS,
  signPod: (pod) => JSON.stringify(podHostPorts(pod)),
  preFilter: (state, pod) => {
    const ports = podHostPorts(pod);
    if (ports.length === 0) return { status: skip() };
    state.write(PRE_FILTER_KEY, new CycleValue(ports));
    return { status: success() };
  },
  filter: (state, pod, nodeInfo) => {
    const wanted = state.read<CycleValue<HostPort[]>>(PRE_FILTER_KEY)?.value ?? podHostPorts(pod);
    return wanted.some((p) => nodeInfo.usedPorts.conflicts(p)) ? unschedulable(ERR_REASON_PORTS) : success();
  },
  eventsToRegister: () => [
    { event: { resource: 'Pod', action: 'Delete' }, hint: schedulableAfterPodDeleted },
    // Ports are immutable and an updated node frees none: only a new node can help.
    { event: { resource: 'Node', action: 'Add' } },
  ],
});
