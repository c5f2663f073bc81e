// The scheduler, as kube-scheduler: its profiles (from a KubeSchedulerConfiguration, kube's
// default profile when none is given), the informer handlers feeding its cache and queue, and the
// loop that schedules one pod after another until stopped. It reads nodes and pods through the
// shared informers it is given and writes only through its client (system:kube-scheduler).
import { Logger } from '@nestjs/common';
import type { Node, Pod } from '@kubenest/api/core/types';
import type { KubeObject } from '@kubenest/apimachinery';
import { resources, ResourceClient, ResourceRef } from '@kubenest/client';
import { ClientEventRecorder, EventRecorder, InformerFactory, Lister } from '@kubenest/controllers';
import { NodeSnapshot, SchedulerCache } from './cache';
import { KubeSchedulerConfiguration, resolveConfiguration } from './config';
import { nodeEventHandler, podEventHandler } from './event-handlers';
import type { PluginFactory } from './framework';
import { DEFAULT_SCHEDULER_NAME } from './framework/scheduler-name';
import { inTreePlugins } from './plugins';
import { SchedulingQueue } from './queue';
import { Framework } from './runtime';
import { ScheduleOne } from './schedule-one';

export interface SchedulerOptions {
  /** The API as system:kube-scheduler. */
  client: ResourceClient;
  /** Shared informers over that client; the scheduler starts them, whoever made them stops them. */
  informers: InformerFactory;
  configuration?: KubeSchedulerConfiguration;
  now?: () => number;
  random?: () => number;
  /** The plugins by name; the in-tree ones when unset. */
  plugins?: Readonly<Record<string, PluginFactory>>;
  recorder?: EventRecorder;
}

/** kube's cleanAssumedPeriod. */
const CLEAN_ASSUMED_EVERY_MS = 1_000;
/** The loop gives the event loop a turn this often, so watches, bindings and timers go on. */
const YIELD_EVERY_MS = 10;

/** 'v1/namespaces', 'apps/v1/replicasets' or a core plural ('services'). */
const refOf = (resource: string | ResourceRef): ResourceRef => {
  if (typeof resource !== 'string') return resource;
  const parts = resource.split('/');
  if (parts.length === 3) return { group: parts[0], version: parts[1], resource: parts[2] };
  if (parts.length === 2) return { group: '', version: parts[0], resource: parts[1] };
  return { group: '', version: 'v1', resource };
};

export class Scheduler {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  private readonly frameworks = new Map<string, Framework>();
  private readonly snapshot = new NodeSnapshot();
  private readonly cycle: ScheduleOne;
  private readonly logger = new Logger('Scheduler');
  private readonly handlers: { remove(): void }[] = [];
  private cleanupTimer?: NodeJS.Timeout;
  private loop?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    const now = options.now ?? Date.now;
    const registry = options.plugins ?? inTreePlugins;
    const settings = resolveConfiguration(options.configuration, registry);
    this.cache = new SchedulerCache({ now });
    const recorder =
      options.recorder ?? new ClientEventRecorder({ client: options.client, component: DEFAULT_SCHEDULER_NAME, now });
    this.queue = new SchedulingQueue({
      now,
      initialBackoffMs: settings.podInitialBackoffMs,
      maxBackoffMs: settings.podMaxBackoffMs,
      less: (a, b) => this.anyFramework()?.queueSort?.less(a, b) ?? a.timestamp < b.timestamp,
      preEnqueue: (pod) => this.frameworkFor(pod)!.runPreEnqueuePlugins(pod),
      pluginEvents: (pod) => this.frameworkFor(pod)?.pluginEvents ?? new Map(),
    });
    for (const profile of settings.profiles) {
      this.frameworks.set(
        profile.schedulerName,
        new Framework(profile, registry, {
          client: options.client,
          recorder,
          nominator: this.queue.nominator,
          listerFor: <T extends KubeObject>(resource: string | ResourceRef) =>
            options.informers.informerFor<T>(refOf(resource)).lister as Lister<T>,
          snapshot: () => this.snapshot,
        }),
      );
    }
    this.cycle = new ScheduleOne({
      queue: this.queue,
      cache: this.cache,
      snapshot: this.snapshot,
      frameworkFor: (pod) => this.frameworkFor(pod),
      podLister: this.pods.lister,
      client: options.client,
      recorder,
      random: options.random ?? Math.random,
      now,
      logger: this.logger,
    });
  }

  /** The schedulerNames this scheduler answers for. */
  get profiles(): string[] {
    return [...this.frameworks.keys()];
  }

  /** Registers the handlers, starts the informers, waits for them to sync, then runs the loop. */
  async start(): Promise<void> {
    const targets = { cache: this.cache, queue: this.queue, responsibleFor: (pod: Pod) => !!this.frameworkFor(pod) };
    this.handlers.push(this.nodes.addEventHandler(nodeEventHandler(targets)));
    this.handlers.push(this.pods.addEventHandler(podEventHandler(targets)));
    this.options.informers.start();
    const synced = await this.options.informers.waitForSync();
    if (!synced || this.stopped) return;
    this.queue.run();
    this.cleanupTimer = setInterval(() => this.cache.cleanupExpiredAssumedPods(), CLEAN_ASSUMED_EVERY_MS);
    this.cleanupTimer.unref();
    this.loop = this.run();
  }

  /** Stops the loop and waits for the bindings and status writes in flight; the informers are left running. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    clearInterval(this.cleanupTimer);
    for (const handler of this.handlers.splice(0)) handler.remove();
    await this.loop;
    await this.cycle.idle();
  }

  /** Resolves once the bindings and status writes started so far are done (for tests and benchmarks). */
  idle(): Promise<void> {
    return this.cycle.idle();
  }

  private get pods() {
    return this.options.informers.informerFor<Pod>(resources.pods);
  }

  private get nodes() {
    return this.options.informers.informerFor<Node>(resources.nodes);
  }

  private frameworkFor(pod: Pod): Framework | undefined {
    return this.frameworks.get(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  }

  private anyFramework(): Framework | undefined {
    return this.frameworks.values().next().value;
  }

  private async run(): Promise<void> {
    let lastYield = Date.now();
    while (!this.stopped) {
      try {
        if (!(await this.cycle.scheduleOne())) return;
      } catch (error) {
        this.logger.error(`scheduling cycle failed: ${(error as Error).message}`);
      }
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
  }
}
