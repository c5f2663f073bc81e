// Keeps the NoExecute taint matching a node's Ready condition, as kube's doNoExecuteTaintingPass:
// unreachable for Unknown, not-ready for False, stamped with timeAdded. A new taint waits for a token
// of its zone's rate; a swap of one for the other and a removal (Ready again) happen at once. While
// every zone is fully disrupted nothing is tainted and the taints there are lifted.
import type { Node } from '@kubenest/api/core/types';
import { metaTime } from '@kubenest/apimachinery';
import type { StepResult } from '../loop';
import type { WriteNode } from './monitor-node-health.step';
import { hasNoExecuteTaint, noExecuteTaintsStale, wantedNoExecuteKey, withNoExecuteTaint } from './node-taints';
import type { ZoneEvictionLimiter } from './zone-eviction-limiter';

export interface NoExecuteTaintsDeps {
  nodes: () => Node[];
  limiter: ZoneEvictionLimiter;
  writeNode: WriteNode;
  /** How often a node still to be tainted is looked at again when its zone gives no token at all. */
  monitorPeriodMs: number;
  now: () => Date;
}

export const noExecuteTaints =
  (deps: NoExecuteTaintsDeps) =>
  async (node: Node): Promise<StepResult | void> => {
    const name = node.metadata.name!;
    const wanted = wantedNoExecuteKey(node);
    const stale = noExecuteTaintsStale(node);
    const write = (key: (current: Node) => string | undefined) =>
      deps.writeNode(name, (current) => {
        current.spec = { ...current.spec, taints: withNoExecuteTaint(current, key(current), metaTime(deps.now())) };
      });
    if (wanted === undefined) {
      if (stale) await write(() => undefined);
      return;
    }
    const nodes = deps.nodes();
    if (deps.limiter.allZonesDown(nodes)) {
      if (stale || hasNoExecuteTaint(node, wanted)) await write(() => undefined);
      return { requeueAfterMs: deps.monitorPeriodMs };
    }
    if (hasNoExecuteTaint(node, wanted) && !stale) return;
    if (!stale) {
      const waitMs = deps.limiter.tryAccept(node, nodes);
      if (waitMs > 0) return { requeueAfterMs: Math.min(waitMs, deps.monitorPeriodMs) };
    }
    await write(wantedNoExecuteKey);
  };
