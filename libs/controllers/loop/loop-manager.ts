// Runs declared loops while this process leads: one election per Lease the loops name (all of
// them under kube-controller-manager's unless a loop names its own), and on winning it, the
// informers (shared by the loops of that Lease), queues and workers of its loops; on losing it
// or stopping, all of that stops, as kube-controller-manager's loops run only in its leader.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { KUBE_CONTROLLER_MANAGER_USER } from '@kubenest/auth/authz/controller-policy';
import type { ResourceClient } from '@kubenest/client';
import { InformerFactory } from '../informer';
import { LeaderElector } from '../leader-election';
import { ControllerSelection } from './controller-selection';
import { CONTROLLER_MANAGER_LEASE, Loop, RunnableLoop, RunningLoop } from './define-loop';
import { LoopRunner } from './loop-runner';

export interface LoopManagerOptions {
  /** The API as a given user: each loop writes as its identity. */
  clientFor: (identity: string) => ResourceClient;
  /** Who lists, watches and holds the Leases (kube-controller-manager's own user). */
  managerIdentity?: string;
  /** The holderIdentity of this process's Leases; unique per process. */
  holderIdentity?: string;
  election?: { leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  resyncPeriodMs?: number;
  /** Which loops run, as kube-controller-manager's --controllers; every loop when unset. */
  controllers?: ControllerSelection;
}

interface LeaseGroup {
  loops: (Loop | RunnableLoop)[];
  elector: LeaderElector;
  informers?: InformerFactory;
  runners: Map<string, RunningLoop>;
  /** Settles once the loops of the terms lost have finished what they were doing. */
  stopping?: Promise<void>;
}

export class LoopManager {
  private readonly groups = new Map<string, LeaseGroup>();
  private readonly logger = new Logger('LoopManager');
  readonly holderIdentity: string;

  private readonly managerClient: ResourceClient;
  private started = false;

  constructor(
    loops: (Loop | RunnableLoop)[],
    private readonly options: LoopManagerOptions,
  ) {
    this.holderIdentity = options.holderIdentity ?? `${hostname()}_${randomUUID()}`;
    this.managerClient = options.clientFor(options.managerIdentity ?? KUBE_CONTROLLER_MANAGER_USER);
    for (const loop of loops) this.add(loop);
  }

  /** Declares one more loop (a provider may bring its own); only before start(). A loop turned off is left out. */
  add(loop: Loop | RunnableLoop): void {
    if (this.started) throw new Error(`loop ${loop.name} was added after its manager started`);
    if (this.options.controllers && !this.options.controllers.runsLoop(loop.name)) {
      this.logger.log(`loop ${loop.name} is turned off by the controllers list`);
      return;
    }
    const groups = [...this.groups.values()];
    if (groups.some((g) => g.loops.some((l) => l.name === loop.name)))
      throw new Error(`two loops are named ${loop.name}`);
    const lease = loop.lease ?? CONTROLLER_MANAGER_LEASE;
    const group = this.groups.get(lease) ?? this.newGroup(lease, this.managerClient);
    group.loops.push(loop);
  }

  /** Whether a kube controller (name or alias) is on in the controllers list; every one is without a list. */
  controllerEnabled(name: string): boolean {
    return this.options.controllers?.enabled(name) ?? true;
  }

  start(): void {
    this.started = true;
    for (const group of this.groups.values()) group.elector.start();
  }

  /** Stops every loop and releases the Leases held. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.groups.values()].map(async (g) => {
        await this.stopLoops(g);
        await g.elector.stop();
        await g.stopping;
      }),
    );
  }

  /** The names of the loops running now. */
  running(): string[] {
    return [...this.groups.values()].flatMap((g) => [...g.runners.keys()]);
  }

  /** Resolves once every running loop's queue is idle (for tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.groups.values()].flatMap((g) => [...g.runners.values()].map((r) => r.idle())));
  }

  private async startLoops(group: LeaseGroup, managerClient: ResourceClient): Promise<void> {
    // A term begins once the reconciles of the last one have finished: no key is handled twice at once.
    await group.stopping;
    if (!group.elector.isLeader() || group.informers) return;
    const informers = new InformerFactory(managerClient, { resyncPeriodMs: this.options.resyncPeriodMs });
    group.informers = informers;
    for (const loop of group.loops) {
      const client = this.options.clientFor(loop.identity);
      group.runners.set(
        loop.name,
        'run' in loop ? loop.run({ client, informers }) : new LoopRunner(loop, informers, client),
      );
    }
    informers.start();
    for (const runner of group.runners.values()) {
      runner.start().catch((e: unknown) => this.logger.error(`a loop failed to start: ${(e as Error).message}`));
    }
  }

  /**
   * The queues first (no new keys), then, once the reconciles running have finished, the informers
   * they read from. Never rejects: a loop that fails to stop is logged.
   */
  private stopLoops(group: LeaseGroup): Promise<void> {
    const runners = [...group.runners.values()];
    group.runners.clear();
    const informers = group.informers;
    group.informers = undefined;
    const previous = group.stopping;
    group.stopping = (async () => {
      const results = await Promise.allSettled(runners.map((r) => r.stop()));
      for (const result of results) {
        if (result.status === 'rejected')
          this.logger.error(`a loop failed to stop: ${(result.reason as Error).message}`);
      }
      informers?.stop();
      await previous;
    })();
    return group.stopping;
  }

  private newGroup(lease: string, managerClient: ResourceClient): LeaseGroup {
    const group: LeaseGroup = {
      loops: [],
      runners: new Map(),
      elector: new LeaderElector({
        client: managerClient,
        leaseName: lease,
        identity: this.holderIdentity,
        ...this.options.election,
        onStartedLeading: () =>
          void this.startLoops(group, managerClient).catch((e: unknown) =>
            this.logger.error(`the loops failed to start: ${(e as Error).message}`),
          ),
        onStoppedLeading: () => void this.stopLoops(group),
      }),
    };
    this.groups.set(lease, group);
    return group;
  }
}
