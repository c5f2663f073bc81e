// Test doubles for the Deployment loop: a Deployment builder and a small in-memory cluster that
// answers the loop's writes and plays the ReplicaSet loop (pods appear at once, and become
// available one tick later), so that rollouts can be run pass by pass.
import type { Deployment, ReplicaSet } from '@kubenest/api/apps/types';
import type { Pod } from '@kubenest/api/core/types';
import { metaTime, StatusError } from '@kubenest/apimachinery';
import type { LabelSelector } from '@kubenest/apimachinery/selectors';
import type { EventType } from '../events';
import { controllerOf } from '../informer';
import type { StepResult } from '../loop';
import { claimReplicaSets } from './claim-replica-sets';
import { DeploymentApi } from './rollout-context';
import { syncDeployment } from './sync-deployment';

export type DeploymentSpec = NonNullable<Deployment['spec']>;

export const template = (image: string, extra: Record<string, string> = {}) => ({
  metadata: { labels: { app: 'web', ...extra } },
  spec: { containers: [{ name: 'web', image }] },
});

export const deployment = (spec: Partial<DeploymentSpec> = {}, name = 'web'): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, generation: 1, resourceVersion: '1' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: template('v1'),
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    ...spec,
  },
});

export interface RecordedEvent {
  type: EventType;
  reason: string;
  message: string;
}

const conflict = (name: string) =>
  StatusError.conflict({ group: 'apps', resource: 'replicasets' }, name, 'the object has been modified');

export class FakeCluster implements DeploymentApi {
  d: Deployment;
  readonly sets = new Map<string, ReplicaSet>();
  readonly pods: Pod[] = [];
  readonly events: RecordedEvent[] = [];
  clock = new Date('2026-01-01T00:00:00Z');
  private revision = 1;
  private uids = 0;

  constructor(d: Deployment) {
    this.d = structuredClone(d);
  }

  now(): Date {
    return new Date(this.clock);
  }

  tick(seconds = 1): void {
    this.clock = new Date(this.clock.getTime() + seconds * 1000);
  }

  /** Changes the Deployment's spec as a user would (generation moves on). */
  edit(change: (spec: DeploymentSpec) => void): void {
    change(this.d.spec!);
    this.d.metadata.generation = (this.d.metadata.generation ?? 0) + 1;
    this.d.metadata.resourceVersion = String(++this.revision);
  }

  list(): ReplicaSet[] {
    return [...this.sets.values()].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  cachedReplicaSet(_namespace: string, name: string): ReplicaSet | undefined {
    return this.sets.get(name);
  }

  async createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    const name = rs.metadata.name!;
    if (this.sets.has(name)) throw StatusError.alreadyExists({ group: 'apps', resource: 'replicasets' }, name);
    const created = structuredClone(rs);
    created.metadata = {
      ...created.metadata,
      uid: `rs-${++this.uids}`,
      generation: 1,
      resourceVersion: String(++this.revision),
      creationTimestamp: metaTime(this.clock),
    };
    created.status = { replicas: 0 };
    this.sets.set(name, created);
    return structuredClone(created);
  }

  async updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    const name = rs.metadata.name!;
    const stored = this.sets.get(name);
    if (!stored) throw StatusError.notFound({ group: 'apps', resource: 'replicasets' }, name);
    if (stored.metadata.resourceVersion !== rs.metadata.resourceVersion) throw conflict(name);
    const updated = structuredClone(rs);
    updated.status = stored.status;
    const specChanged = JSON.stringify(stored.spec) !== JSON.stringify(rs.spec);
    updated.metadata.generation = (stored.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    updated.metadata.resourceVersion = String(++this.revision);
    this.sets.set(name, updated);
    return structuredClone(updated);
  }

  async deleteReplicaSet(_namespace: string, name: string): Promise<void> {
    if (!this.sets.delete(name)) throw StatusError.notFound({ group: 'apps', resource: 'replicasets' }, name);
  }

  async updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    if (d.metadata.resourceVersion !== this.d.metadata.resourceVersion) throw conflict(d.metadata.name!);
    // The status endpoint takes the status and the annotations, as kube's deployments/status does.
    this.d = { ...this.d, metadata: { ...this.d.metadata, annotations: d.metadata.annotations }, status: d.status };
    this.d.metadata.resourceVersion = String(++this.revision);
    return structuredClone(this.d);
  }

  recordEvent(_d: Deployment, type: EventType, reason: string, message: string): void {
    this.events.push({ type, reason, message });
  }

  /**
   * Plays the ReplicaSet loop once: each set gets its pods at once, and the pods it already had
   * (up to its size) are ready and available, so new pods become available one pass later.
   * `unavailable` names sets whose new pods never become available.
   */
  runReplicaSets(unavailable: Set<string> = new Set()): void {
    for (const rs of this.sets.values()) {
      const spec = rs.spec?.replicas ?? 0;
      const had = rs.status?.replicas ?? 0;
      const wasAvailable = rs.status?.availableReplicas ?? 0;
      const available = unavailable.has(rs.metadata.name!) ? Math.min(wasAvailable, spec) : Math.min(had, spec);
      rs.status = {
        replicas: spec,
        readyReplicas: available,
        availableReplicas: available,
        fullyLabeledReplicas: spec,
        observedGeneration: rs.metadata.generation,
      };
      rs.metadata.resourceVersion = String(++this.revision);
    }
  }

  /** One pass of the Deployment loop over the cluster's current state. */
  sync(): Promise<StepResult> {
    return syncDeployment({
      api: this,
      claimCandidates: () => this.list().map((rs) => structuredClone(rs)),
      podsIn: (_namespace: string, selector: LabelSelector) =>
        this.pods.filter((p) => selector.matches(p.metadata.labels ?? undefined)),
      claim: claimReplicaSets({
        adopt: async (d, rs) => {
          const stored = this.sets.get(rs.metadata.name!)!;
          if (controllerOf(stored)) return undefined;
          stored.metadata.ownerReferences = [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name!,
              uid: d.metadata.uid!,
              controller: true,
            },
          ];
          stored.metadata.resourceVersion = String(++this.revision);
          return structuredClone(stored);
        },
        release: async (d, rs) => {
          const stored = this.sets.get(rs.metadata.name!)!;
          stored.metadata.ownerReferences = stored.metadata.ownerReferences?.filter((r) => r.uid !== d.metadata.uid);
          stored.metadata.resourceVersion = String(++this.revision);
        },
        getFresh: async () => structuredClone(this.d),
      }),
    })(structuredClone(this.d));
  }

  /** The sizes of the sets, by template image, e.g. { v1: 2, v2: 3 }. */
  sizes(): Record<string, number> {
    return Object.fromEntries(
      this.list().map((rs) => [
        rs.spec?.template?.spec?.containers?.[0]?.image ?? rs.metadata.name,
        rs.spec?.replicas ?? 0,
      ]),
    );
  }

  setOf(image: string): ReplicaSet | undefined {
    return this.list().find((rs) => rs.spec?.template?.spec?.containers?.[0]?.image === image);
  }
}
