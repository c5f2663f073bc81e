// One pod on this node, as kubelet's pod worker: every change (pod update, container exit,
// backoff end, deletion) is handled one at a time. Volumes first, then init containers in order,
// then containers; status posted when it changes; on deletion the containers stop within the
// grace period and the agent confirms by deleting with grace 0. Each running container's probes
// feed its started/ready state; a failed liveness or startup probe kills it for a restart. What
// happens to containers is recorded as kubelet's events (Pulled, Created, Started, Killing, ...).
// Containers an earlier run of the agent left running are taken over as they run.
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { nextRestartDelay, RestartPolicy } from '@kubenest/apimachinery/wait';
import { isStatus } from '../util/status-code';
import { EventSubject, KubeletEvent, kubeletEvents } from '../events';
import { ContainerProber, hasProbes, probeRunner, ProbeKind } from '../probes';
import { ContainerCannotRun } from '../runtime/container-cannot-run';
import type { AdoptedContainer, ContainerExit, ContainerRuntime, RunningContainer } from '../runtime/container-runtime';
import { ContainerRecord } from './container-record';
import { containerArgv, containerEnv, EnvSources } from './env/container-env';
import { planPod } from './pod-plan';
import { podStatus } from './pod-status';
import type { Container, NodeFacts, Pod, PodStatus } from './pod-types';
import { restoreRecords } from './restore-records';
import { containerMounts, materializeVolume } from './volumes/prepare-volumes';
import { volumeContent } from './volumes/volume-files';

/** Kubelet's crash-loop backoff: the first restart at once, then 10 s doubling to 5 minutes;
 * a container that ran 10 minutes starts over. */
const CRASH_LOOP: RestartPolicy = { firstDelayMs: 0, baseMs: 10_000, maxMs: 300_000, healthyAfterMs: 600_000 };

export interface PodWorkerDeps {
  runtime: ContainerRuntime;
  sources: EnvSources;
  node: NodeFacts;
  podsDir: string;
  patchPodStatus(pod: Pod, status: PodStatus): Promise<void>;
  confirmDeletion(pod: Pod): Promise<void>;
  /** Fire-and-forget, as kubelet's event recorder: never throws, never waits. */
  recordEvent?(subject: EventSubject, event: KubeletEvent): void;
  now?: () => number;
}

/** kubelet's floor for the grace period of a pod removed without one. */
const MINIMUM_GRACE_SECONDS = 2;
const RETRY_MS = 1000;

const logger = new Logger('PodWorker');

export class PodWorker {
  private readonly records: Map<string, ContainerRecord>;
  private readonly handles = new Map<string, RunningContainer>();
  private readonly probers = new Map<string, ContainerProber>();
  private readonly startTime: Date;
  private volumeDirs?: Record<string, string>;
  private lastPosted = '';
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private timer?: NodeJS.Timeout;
  private removed = false;
  private closed = false;

  constructor(
    private readonly deps: PodWorkerDeps,
    private pod: Pod,
    private readonly onFinished: (uid: string) => void,
    /** This pod's containers the earlier run of the agent left running. */
    adopted: AdoptedContainer[] = [],
  ) {
    const now = new Date(this.now());
    const instances = new Map(
      adopted.map((a) => [
        a.name,
        { containerID: this.containerID(a.container), startedAt: a.container.startedAt, restartCount: a.restartCount },
      ]),
    );
    this.records = restoreRecords(pod, now, instances);
    this.startTime = pod.status?.startTime ? new Date(String(pod.status.startTime)) : now;
    for (const a of adopted) this.watch(this.spec(a.name), a.container);
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  /** The running instance of a container, for exec. */
  container(name: string): RunningContainer | undefined {
    return this.handles.get(name);
  }

  current(): Pod {
    return this.pod;
  }

  update(pod: Pod): void {
    this.pod = pod;
    this.kick();
  }

  /** The pod is gone from the API server. */
  remove(): void {
    this.removed = true;
    this.kick();
  }

  /** The agent stops: no more writes or starts; the processes run on, for the next run to adopt. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.stopProbes();
    await this.chain;
    await Promise.all([...this.handles.values()].map((h) => h.detach()));
  }

  /**
   * The node shuts down with the agent: as kubelet's graceful node shutdown, the containers stop
   * within their grace period, here at most maxGraceSeconds; no more writes or starts.
   */
  async shutdown(maxGraceSeconds: number): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.stopProbes();
    const grace = Math.min(this.pod.spec?.terminationGracePeriodSeconds ?? 30, maxGraceSeconds);
    const stopAll = () => Promise.all([...this.handles.values()].map((h) => h.stop(grace)));
    await stopAll();
    await this.chain;
    // An instance a sync in flight was starting meanwhile.
    await stopAll();
  }

  /** Resolves when everything queued so far is handled (tests). */
  idle(): Promise<void> {
    return this.chain;
  }

  kick(): void {
    if (this.queued || this.closed) return;
    this.queued = true;
    this.chain = this.chain
      .then(() => {
        this.queued = false;
        return this.closed ? undefined : this.sync();
      })
      .catch((e: unknown) => {
        logger.warn(`pod ${this.describe()}: ${(e as Error).message}; retrying`);
        this.wakeAt(this.now() + RETRY_MS);
      });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private describe(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }

  private wakeAt(at: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.max(0, at - this.now()));
  }

  private async sync(): Promise<void> {
    if (this.removed || this.pod.metadata.deletionTimestamp) return this.terminate();
    const spec = this.pod.spec!;
    if (!this.volumeDirs && !(await this.prepareVolumes())) return;
    const plan = planPod(spec, this.records, this.now());
    await Promise.all(plan.start.map((name) => this.start(name)));
    // As kubelet on each sync: a container waiting out its crash-loop backoff says so.
    for (const name of plan.backingOff) this.event(name, kubeletEvents.backOff(name, this.identity()));
    await this.postStatus();
    const next = planPod(spec, this.records, this.now()).wakeAt;
    const retry = [...this.records.values()].filter((r) => r.startError).map((r) => r.restartAt ?? 0);
    const at = Math.min(next ?? Infinity, ...retry.filter((t) => t > this.now()));
    if (Number.isFinite(at)) this.wakeAt(at);
  }

  /** Writes every volume once; a failure leaves the containers waiting and is retried later. */
  private async prepareVolumes(): Promise<boolean> {
    const podDir = join(this.deps.podsDir, this.uid);
    try {
      const dirs: Record<string, string> = {};
      for (const v of this.pod.spec!.volumes ?? []) {
        dirs[v.name] = materializeVolume(
          podDir,
          v.name,
          await volumeContent(this.pod, v, this.deps.node, this.deps.sources),
        );
      }
      this.volumeDirs = dirs;
      return true;
    } catch (e) {
      const why =
        e instanceof ContainerCannotRun ? e : new ContainerCannotRun('ContainerCreating', (e as Error).message);
      for (const r of this.records.values())
        if (r.starts === 0) r.startError = { reason: why.reason, message: why.message };
      await this.postStatus();
      this.wakeAt(this.now() + CRASH_LOOP.baseMs);
      return false;
    }
  }

  private async start(name: string): Promise<void> {
    const c = this.spec(name);
    const r = this.records.get(name)!;
    this.event(name, kubeletEvents.pulled(c.image ?? ''));
    try {
      const env = await containerEnv(this.pod, c, this.deps.node, this.deps.sources);
      const handle = await this.deps.runtime.start({
        podUid: this.uid,
        podName: this.pod.metadata.name ?? '',
        namespace: this.pod.metadata.namespace ?? '',
        name,
        image: c.image ?? '',
        argv: containerArgv(c, env),
        env,
        workingDir: c.workingDir,
        mounts: containerMounts(c, this.volumeDirs ?? {}),
        restartCount: r.starts,
        stdin: !!c.stdin,
        stdinOnce: !!c.stdinOnce,
        tty: !!c.tty,
      });
      if (r.terminated) r.lastTerminated = r.terminated;
      r.terminated = undefined;
      r.startError = undefined;
      r.starts++;
      r.running = { containerID: this.containerID(handle), startedAt: handle.startedAt };
      this.event(name, kubeletEvents.created(name));
      this.event(name, kubeletEvents.started(name));
      this.watch(c, handle);
    } catch (e) {
      const why =
        e instanceof ContainerCannotRun
          ? e
          : new ContainerCannotRun('CreateContainerConfigError', (e as Error).message);
      r.restartDelayMs = nextRestartDelay(r.restartDelayMs, 0, CRASH_LOOP);
      r.startError = { reason: why.reason, message: why.message };
      r.restartAt = this.now() + Math.max(r.restartDelayMs, CRASH_LOOP.baseMs);
      this.event(name, kubeletEvents.failed(why.message));
    }
  }

  private spec(name: string): Container {
    return [...(this.pod.spec!.initContainers ?? []), ...this.pod.spec!.containers].find((x) => x.name === name)!;
  }

  private containerID(handle: RunningContainer): string {
    return `${this.deps.runtime.name}://${handle.id}`;
  }

  /** A running instance: its probes (not for init containers), and its exit. */
  private watch(c: Container, handle: RunningContainer): void {
    this.handles.set(c.name, handle);
    if (!this.pod.spec!.initContainers?.some((x) => x.name === c.name))
      this.startProbes(c, this.records.get(c.name)!, handle);
    void handle.exited.then((exit) => this.exited(c.name, handle, exit));
  }

  private identity() {
    const m = this.pod.metadata;
    return { name: m.name ?? '', namespace: m.namespace ?? '', uid: m.uid ?? '' };
  }

  /** An event about one of the pod's containers, addressed by its fieldPath as kubelet does. */
  private event(container: string, event: KubeletEvent): void {
    const init = this.pod.spec?.initContainers?.some((c) => c.name === container);
    const fieldPath = `spec.${init ? 'initContainers' : 'containers'}{${container}}`;
    this.deps.recordEvent?.({ pod: this.identity(), fieldPath }, event);
  }

  private exited(name: string, handle: RunningContainer, exit: ContainerExit): void {
    if (this.handles.get(name) !== handle) return;
    this.handles.delete(name);
    this.probers.get(name)?.stop();
    this.probers.delete(name);
    const r = this.records.get(name)!;
    r.running = undefined;
    r.probed = undefined;
    r.terminated = {
      exitCode: exit.exitCode,
      signal: exit.signal,
      ...(exit.reason ? { reason: exit.reason, message: exit.message } : {}),
      startedAt: handle.startedAt,
      finishedAt: exit.finishedAt,
      containerID: this.containerID(handle),
    };
    const ranMs = exit.finishedAt.getTime() - handle.startedAt.getTime();
    r.restartDelayMs = nextRestartDelay(r.restartDelayMs, ranMs, CRASH_LOOP);
    r.restartAt = exit.finishedAt.getTime() + r.restartDelayMs;
    this.kick();
  }

  /** Probes for this instance of a container; their results reach the status through the record. */
  private startProbes(c: Container, r: ContainerRecord, handle: RunningContainer): void {
    if (!hasProbes(c)) return;
    const target = {
      podIP: this.deps.node.hostIP,
      ports: c.ports ?? [],
      exec: (argv: string[]) => this.deps.runtime.exec(handle, argv),
    };
    const prober: ContainerProber = new ContainerProber(c, probeRunner(target), {
      changed: () => {
        if (this.probers.get(c.name) !== prober) return;
        r.probed = { started: prober.started, ready: prober.ready };
        this.kick();
      },
      kill: (kind, probeGrace) => this.killUnhealthy(c.name, handle, kind, probeGrace),
      attemptFailed: (kind) => this.event(c.name, kubeletEvents.unhealthy(kind)),
    });
    this.probers.set(c.name, prober);
    r.probed = { started: prober.started, ready: prober.ready };
  }

  /** As kubelet: the container is stopped within its grace period and restarted by restartPolicy. */
  private killUnhealthy(name: string, handle: RunningContainer, kind: ProbeKind, probeGrace?: number): void {
    if (this.handles.get(name) !== handle || this.closed) return;
    const grace = probeGrace ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    logger.log(`pod ${this.describe()}: container ${name} failed its ${kind} probe; killing it`);
    this.event(name, kubeletEvents.killingUnhealthy(name, kind));
    void handle.stop(grace);
  }

  private stopProbes(): void {
    for (const p of this.probers.values()) p.stop();
    this.probers.clear();
  }

  private async postStatus(): Promise<void> {
    const status = podStatus(this.pod, this.records, {
      hostIP: this.deps.node.hostIP,
      startTime: this.startTime,
      now: this.now(),
    });
    // Transition times alone do not make a new status.
    const key = JSON.stringify({ ...status, conditions: status.conditions?.map((c) => [c.type, c.status]) });
    if (key === this.lastPosted) return;
    await this.deps.patchPodStatus(this.pod, status);
    this.lastPosted = key;
    this.pod = { ...this.pod, status: { ...this.pod.status, ...status } };
  }

  private async terminate(): Promise<void> {
    clearTimeout(this.timer);
    this.stopProbes();
    const grace = this.removed
      ? MINIMUM_GRACE_SECONDS
      : (this.pod.metadata.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30);
    for (const name of this.handles.keys()) this.event(name, kubeletEvents.killing(name));
    await Promise.all([...this.handles.values()].map((h) => h.stop(grace)));
    // Logs and volumes go before the confirmation, so a deleted pod has left nothing behind.
    await this.deps.runtime.removePod(this.uid);
    if (!this.removed) {
      try {
        await this.postStatus();
        await this.deps.confirmDeletion(this.pod);
      } catch (e) {
        // Gone already, or recreated with another uid: nothing of ours is left to delete.
        if (!isStatus(e, 404) && !isStatus(e, 409)) throw e;
      }
    }
    this.closed = true;
    this.onFinished(this.uid);
  }
}
