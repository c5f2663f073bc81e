// The scheduler as kube-scheduler runs it with leader election: only the holder of the Lease
// kube-system/kube-scheduler schedules, as system:kube-scheduler, with informers of its own that
// live as long as its term; on losing the Lease (or stopping) the loop, then the informers stop.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { KUBE_SCHEDULER_USER } from '@kubenest/auth/authz/controller-policy';
import type { ResourceClient } from '@kubenest/client';
import { InformerFactory, LeaderElector } from '@kubenest/controllers';
import { KubeSchedulerConfiguration, resolveConfiguration } from './config';
import type { PluginFactory } from './framework';
import { inTreePlugins } from './plugins';
import { Scheduler } from './scheduler';

export const SCHEDULER_LEASE = 'kube-scheduler';

export interface ElectedSchedulerOptions {
  /** The API as a given user; the scheduler acts as system:kube-scheduler. */
  clientFor: (identity: string) => ResourceClient;
  configuration?: KubeSchedulerConfiguration;
  /** The holderIdentity of this process's Lease; unique per process. */
  holderIdentity?: string;
  election?: { leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  plugins?: Readonly<Record<string, PluginFactory>>;
}

interface Term {
  informers: InformerFactory;
  scheduler: Scheduler;
}

export class ElectedScheduler {
  private readonly elector: LeaderElector;
  private readonly client: ResourceClient;
  private readonly logger = new Logger('Scheduler');
  private term?: Term;
  /** Settles once the last term's scheduler and informers have stopped. */
  private stopping: Promise<void> = Promise.resolve();

  constructor(private readonly options: ElectedSchedulerOptions) {
    // A bad configuration stops the process at start, not when the Lease is won.
    resolveConfiguration(options.configuration, options.plugins ?? inTreePlugins);
    this.client = options.clientFor(KUBE_SCHEDULER_USER);
    this.elector = new LeaderElector({
      client: this.client,
      leaseName: SCHEDULER_LEASE,
      identity: options.holderIdentity ?? `${hostname()}_${randomUUID()}`,
      ...options.election,
      onStartedLeading: () => void this.lead(),
      onStoppedLeading: () => void this.standDown(),
    });
  }

  /** The scheduler of the current term, while this process leads (for tests). */
  get scheduler(): Scheduler | undefined {
    return this.term?.scheduler;
  }

  isLeader(): boolean {
    return this.elector.isLeader();
  }

  start(): void {
    this.elector.start();
  }

  async stop(): Promise<void> {
    await this.standDown();
    await this.elector.stop();
    await this.stopping;
  }

  private async lead(): Promise<void> {
    // A term begins once the last one has stopped: never two loops at once.
    await this.stopping;
    if (!this.elector.isLeader() || this.term) return;
    const informers = new InformerFactory(this.client);
    const scheduler = new Scheduler({
      client: this.client,
      informers,
      configuration: this.options.configuration,
      plugins: this.options.plugins,
    });
    this.term = { informers, scheduler };
    await scheduler
      .start()
      .catch((e: unknown) => this.logger.error(`the scheduler failed to start: ${(e as Error).message}`));
  }

  private standDown(): Promise<void> {
    const term = this.term;
    this.term = undefined;
    if (!term) return this.stopping;
    const previous = this.stopping;
    this.stopping = (async () => {
      await term.scheduler
        .stop()
        .catch((e: unknown) => this.logger.error(`the scheduler failed to stop: ${(e as Error).message}`));
      term.informers.stop();
      await previous;
    })();
    return this.stopping;
  }
}
