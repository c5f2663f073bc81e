// Leader election through a coordination.k8s.io/v1 Lease, as client-go's LeaderElector: a
// candidate takes the Lease when it is free or its holder has not renewed it for
// leaseDurationSeconds (measured on the candidate's own clock, from when it last saw the record
// change, so clocks need not agree); the leader renews it every retryPeriod and gives up leading
// when it could not renew for renewDeadline, before anyone else may take it; stopping releases it
// by clearing holderIdentity so a successor need not wait.
import { Logger } from '@nestjs/common';
import type { ILease } from 'kubernetes-models/coordination.k8s.io/v1/Lease';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { resources, ResourceClient } from '@kubenest/client';

type Lease = Omit<ILease, 'metadata' | 'apiVersion' | 'kind'> & KubeObject;

export interface LeaderElectionConfig {
  client: ResourceClient;
  /** The Lease's name, in kube-system unless namespace says otherwise. */
  leaseName: string;
  namespace?: string;
  /** Unique per process (kube uses hostname + '_' + a UUID). */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
  now?: () => number;
  logger?: Logger;
}

/** kube-controller-manager's and kube-scheduler's defaults. */
export const LEASE_DURATION_MS = 15_000;
export const RENEW_DEADLINE_MS = 10_000;
export const RETRY_PERIOD_MS = 2_000;

/** metav1.MicroTime: RFC 3339 with microseconds. */
const microTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

export class LeaderElector {
  private leading = false;
  private running = false;
  private timer?: NodeJS.Timeout;
  private tick?: Promise<void>;
  /** The record last seen and when (on this clock) it was first seen as it is. */
  private observed?: { record: string; at: number };
  private lastRenewAt = 0;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly namespace: string;

  constructor(private readonly config: LeaderElectionConfig) {
    this.now = config.now ?? Date.now;
    this.namespace = config.namespace ?? 'kube-system';
    this.logger = config.logger ?? new Logger(`LeaderElection ${this.namespace}/${config.leaseName}`);
  }

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops trying; a leader stops leading and releases the Lease. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.tick;
    if (!this.leading) return;
    this.lose();
    await this.release();
  }

  private get leases() {
    return this.config.client.resource<Lease>(resources.leases);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.tick = this.step().finally(() => {
        if (this.running) this.schedule(this.config.retryPeriodMs ?? RETRY_PERIOD_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async step(): Promise<void> {
    const ok = await this.attempt();
    if (!this.running) return;
    if (ok) {
      this.lastRenewAt = this.now();
      if (!this.leading) {
        this.leading = true;
        this.logger.log(`${this.config.identity} became the leader`);
        this.config.onStartedLeading();
      }
    } else if (this.leading && this.now() - this.lastRenewAt >= (this.config.renewDeadlineMs ?? RENEW_DEADLINE_MS)) {
      this.logger.warn(`${this.config.identity} failed to renew the lease: no longer the leader`);
      this.lose();
    }
  }

  /**
   * One try, bounded as client-go bounds renewing by a context of renewDeadline: a leader's by what
   * is left of its deadline, a candidate's by the whole of it. A call that hangs past that counts as
   * failed, so the leader stops leading in time even though the call may still be pending.
   */
  private attempt(): Promise<boolean> {
    const deadlineMs = this.config.renewDeadlineMs ?? RENEW_DEADLINE_MS;
    const limitMs = this.leading ? Math.max(0, this.lastRenewAt + deadlineMs - this.now()) : deadlineMs;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn(`retrieving or updating the lease took longer than ${limitMs} ms`);
        resolve(false);
      }, limitMs);
      timer.unref();
    });
    const tried = this.tryAcquireOrRenew().catch((error: unknown) => {
      this.logger.warn(`error retrieving or updating the lease: ${(error as Error).message}`);
      return false;
    });
    return Promise.race([tried, timedOut]).finally(() => clearTimeout(timer));
  }

  private lose(): void {
    this.leading = false;
    this.config.onStoppedLeading();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.now();
    const leaseDurationMs = this.config.leaseDurationMs ?? LEASE_DURATION_MS;
    const spec = (acquireTime: string, transitions: number): Lease['spec'] => ({
      holderIdentity: this.config.identity,
      leaseDurationSeconds: Math.round(leaseDurationMs / 1000),
      acquireTime,
      renewTime: microTime(now),
      leaseTransitions: transitions,
    });
    let lease: Lease;
    try {
      lease = await this.leases.get(this.namespace, this.config.leaseName);
    } catch (error) {
      if (!StatusError.is(error) || error.code !== 404) throw error;
      await this.leases.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { namespace: this.namespace, name: this.config.leaseName },
        spec: spec(microTime(now), 0),
      });
      this.observed = undefined;
      return true;
    }
    const held = lease.spec ?? {};
    const record = JSON.stringify(held);
    if (this.observed?.record !== record) this.observed = { record, at: now };
    const mine = held.holderIdentity === this.config.identity;
    const duration = (held.leaseDurationSeconds ?? 0) * 1000;
    if (held.holderIdentity && !mine && this.observed.at + duration > now) return false;
    const next = mine
      ? spec(held.acquireTime ?? microTime(now), held.leaseTransitions ?? 0)
      : spec(microTime(now), (held.leaseTransitions ?? 0) + 1);
    await this.leases.update({ ...lease, spec: next });
    return true;
  }

  /** As client-go's release: holderIdentity cleared, a 1 s duration, transitions kept. */
  private async release(): Promise<void> {
    try {
      const lease = await this.leases.get(this.namespace, this.config.leaseName);
      if (lease.spec?.holderIdentity !== this.config.identity) return;
      const now = microTime(this.now());
      await this.leases.update({
        ...lease,
        spec: {
          holderIdentity: '',
          leaseDurationSeconds: 1,
          acquireTime: now,
          renewTime: now,
          leaseTransitions: lease.spec.leaseTransitions,
        },
      });
    } catch (error) {
      this.logger.warn(`failed to release the lease: ${(error as Error).message}`);
    }
  }
}
