// Which controllers run, from a list as kube-controller-manager's --controllers takes it: `*` turns
// on every controller on by default, `foo` turns foo on, `-foo` turns it off (the last word about a
// name wins over `*`). Names are kube's (`replicaset-controller`) or their aliases (`replicaset`);
// a name kube does not know is refused, a known one we do not implement is accepted and ignored.

/** kube's canonical controller names (cmd/kube-controller-manager/names) and the aliases each answers to. */
const KUBE_CONTROLLERS: Record<string, string[]> = {
  'serviceaccount-token-controller': ['serviceaccount-token'],
  'endpoints-controller': ['endpoint'],
  'endpointslice-controller': ['endpointslice'],
  'endpointslice-mirroring-controller': ['endpointslicemirroring'],
  'replicationcontroller-controller': ['replicationcontroller'],
  'pod-garbage-collector-controller': ['podgc'],
  'resourcequota-controller': ['resourcequota'],
  'namespace-controller': ['namespace'],
  'serviceaccount-controller': ['serviceaccount'],
  'garbage-collector-controller': ['garbagecollector'],
  'daemonset-controller': ['daemonset'],
  'job-controller': ['job'],
  'deployment-controller': ['deployment'],
  'replicaset-controller': ['replicaset'],
  'horizontal-pod-autoscaler-controller': ['horizontalpodautoscaling'],
  'disruption-controller': ['disruption'],
  'statefulset-controller': ['statefulset'],
  'cronjob-controller': ['cronjob'],
  'certificatesigningrequest-signing-controller': ['csrsigning'],
  'certificatesigningrequest-approving-controller': ['csrapproving'],
  'certificatesigningrequest-cleaner-controller': ['csrcleaner'],
  'ttl-controller': ['ttl'],
  'bootstrap-signer-controller': ['bootstrapsigner'],
  'token-cleaner-controller': ['tokencleaner'],
  'node-ipam-controller': ['nodeipam'],
  'node-lifecycle-controller': ['nodelifecycle'],
  'taint-eviction-controller': [],
  'persistentvolume-binder-controller': ['persistentvolume-binder'],
  'persistentvolume-attach-detach-controller': ['attachdetach'],
  'persistentvolume-expander-controller': ['persistentvolume-expander'],
  'clusterrole-aggregation-controller': ['clusterrole-aggregation'],
  'persistentvolumeclaim-protection-controller': ['pvc-protection'],
  'persistentvolume-protection-controller': ['pv-protection'],
  'ttl-after-finished-controller': ['ttl-after-finished'],
  'root-ca-certificate-publisher-controller': ['root-ca-cert-publisher', 'root-ca-certificate-publisher'],
  'ephemeral-volume-controller': ['ephemeral-volume'],
  'storageversion-garbage-collector-controller': ['storage-version-gc'],
  'resourceclaim-controller': ['resource-claim-controller'],
  'legacy-serviceaccount-token-cleaner-controller': ['legacy-service-account-token-cleaner'],
  'validatingadmissionpolicy-status-controller': [],
  'service-cidr-controller': [],
  'storage-version-migrator-controller': [],
  'service-lb-controller': ['service'],
  'node-route-controller': ['route'],
  'cloud-node-lifecycle-controller': ['cloud-node-lifecycle'],
};

/** kube's controllers that `*` leaves off. */
const OFF_BY_DEFAULT = new Set(['bootstrap-signer-controller', 'token-cleaner-controller']);

/** Our loops whose name is not one of kube's: the kube controllers each does the work of. */
const LOOP_CONTROLLERS: Record<string, string[]> = {
  certificate: ['certificatesigningrequest-approving-controller', 'certificatesigningrequest-signing-controller'],
};

const canonicalByName = new Map<string, string>(
  Object.entries(KUBE_CONTROLLERS).flatMap(([canonical, aliases]) =>
    [canonical, ...aliases].map((name): [string, string] => [name, canonical]),
  ),
);

/** kube's canonical name for a controller name or alias; undefined when kube knows no such controller. */
export const canonicalControllerName = (name: string): string | undefined => canonicalByName.get(name);

export class ControllerSelection {
  private constructor(
    private readonly all: boolean,
    /** Canonical name → on (true) or off (false), as the list last said. */
    private readonly explicit: ReadonlyMap<string, boolean>,
  ) {}

  /** kube's default, `*`. */
  static readonly DEFAULT = ControllerSelection.parse('*');

  /** The selection a `--controllers` list makes; throws naming every word it does not know. */
  static parse(list: string): ControllerSelection {
    const words = list
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    const explicit = new Map<string, boolean>();
    const unknown: string[] = [];
    let all = false;
    for (const word of words) {
      if (word === '*') {
        all = true;
        continue;
      }
      const off = word.startsWith('-');
      const canonical = canonicalControllerName(off ? word.slice(1) : word);
      if (canonical) explicit.set(canonical, !off);
      else unknown.push(word);
    }
    if (unknown.length) throw new Error(`unknown controller ${unknown.map((w) => `"${w}"`).join(', ')}`);
    return new ControllerSelection(all, explicit);
  }

  /** Whether a kube controller (canonical name or alias) is on. */
  enabled(name: string): boolean {
    const canonical = canonicalControllerName(name);
    if (!canonical) return false;
    return this.explicit.get(canonical) ?? (this.all && !OFF_BY_DEFAULT.has(canonical));
  }

  /**
   * Whether one of our loops runs: one named as a kube controller runs when that is on, one doing the
   * work of kube controllers when one of them is; a loop kube has no controller for always runs.
   */
  runsLoop(loopName: string): boolean {
    const controllers = LOOP_CONTROLLERS[loopName] ?? [loopName];
    if (!controllers.some((c) => canonicalControllerName(c))) return true;
    return controllers.some((c) => this.enabled(c));
  }
}
