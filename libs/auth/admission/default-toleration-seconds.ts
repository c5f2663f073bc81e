// As kube-apiserver's DefaultTolerationSeconds admission plugin: a pod created or updated without a
// toleration of the node controller's not-ready and unreachable NoExecute taints gets one for each,
// bounded by tolerationSeconds (300 s by default), so the taint eviction loop moves it off a lost
// node after that long instead of at once.
import type { Pod } from '@kubenest/api/core/types';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, Toleration } from '@kubenest/api/core/tolerations';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';

/** kube-apiserver's --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

export interface DefaultTolerationSecondsOptions {
  notReadySeconds?: number;
  unreachableSeconds?: number;
}

/** Whether a toleration already covers the NoExecute taint of this key (an empty key or effect covers it, as kube reads them). */
const covers = (toleration: Toleration, key: string): boolean =>
  (!toleration.key || toleration.key === key) && (!toleration.effect || toleration.effect === 'NoExecute');

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';
  private readonly defaults: [key: string, seconds: number][];

  constructor(options: DefaultTolerationSecondsOptions = {}) {
    this.defaults = [
      [TAINT_NODE_NOT_READY, options.notReadySeconds ?? DEFAULT_TOLERATION_SECONDS],
      [TAINT_NODE_UNREACHABLE, options.unreachableSeconds ?? DEFAULT_TOLERATION_SECONDS],
    ];
  }

  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    if (a.kind.group !== '' || a.kind.plural !== 'pods' || a.subresource) return;
    const pod = a.object as Pod | undefined;
    if (!pod) return;
    for (const [key, tolerationSeconds] of this.defaults) {
      const tolerations = pod.spec?.tolerations ?? [];
      if (tolerations.some((t) => covers(t, key))) continue;
      pod.spec = {
        containers: [],
        ...pod.spec,
        tolerations: [...tolerations, { key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds }],
      };
    }
  }
}
