import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { ContainerExit, ContainerRuntime, RunningContainer } from '../runtime/container-runtime';
import { PodWorker } from './pod-worker';
import type { Pod, PodStatus } from './pod-types';

/** A runtime whose containers run until stopped, and whose exec answers by the `healthy` flag. */
function fakeRuntime() {
  const state = { healthy: true, ready: true, stops: [] as number[], started: 0 };
  const runtime: ContainerRuntime = {
    name: 'fake',
    start: async () => {
      let settle: (e: ContainerExit) => void = () => undefined;
      const exited = new Promise<ContainerExit>((r) => (settle = r));
      let result: ContainerExit | undefined;
      const container: RunningContainer = {
        id: `c${++state.started}`,
        pid: 1000 + state.started,
        startedAt: new Date(),
        logPath: '/dev/null',
        exited,
        exit: () => result,
        stdinOnce: false,
        tty: false,
        resizeTerminal: () => undefined,
        watchOutput: () => () => undefined,
        detach: async () => undefined,
        stop: async (grace) => {
          state.stops.push(grace);
          result ??= { exitCode: 143, signal: 'SIGTERM', finishedAt: new Date() };
          settle(result);
          return result;
        },
      };
      return container;
    },
    logPath: () => '/dev/null',
    exec: (_c, argv) => {
      const child = Object.assign(new EventEmitter(), { kill: () => true });
      const ok = argv.includes('live') ? state.healthy : state.ready;
      void Promise.resolve().then(() => child.emit('exit', ok ? 0 : 1));
      return child as unknown as ChildProcess;
    },
    adoptRunning: async () => [],
    removePod: async () => undefined,
  };
  return { runtime, state };
}

const probe = (word: string) => ({ exec: { command: ['check', word] }, periodSeconds: 1, failureThreshold: 2 });

describe('PodWorker with probes', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2024, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('follows readiness and restarts a container that fails its liveness probe', async () => {
    const { runtime, state } = fakeRuntime();
    const posted: PodStatus[] = [];
    const pod: Pod = {
      metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
      spec: {
        terminationGracePeriodSeconds: 7,
        containers: [
          {
            name: 'c',
            image: 'busybox',
            command: ['sleep', '1d'],
            livenessProbe: probe('live'),
            readinessProbe: probe('ready'),
          },
        ],
      },
    };
    const worker = new PodWorker(
      {
        runtime,
        sources: { configMap: async () => undefined, secret: async () => undefined, services: async () => [] },
        node: { name: 'n', hostIP: '127.0.0.1', allocatable: { cpu: '1', memory: '1Gi' } },
        podsDir: '/nonexistent',
        patchPodStatus: async (_p, s) => void posted.push(s),
        confirmDeletion: async () => undefined,
      },
      pod,
      () => undefined,
    );
    const last = () => posted[posted.length - 1];
    const ready = () => last().conditions?.find((c) => c.type === 'Ready')?.status;

    worker.kick();
    await jest.advanceTimersByTimeAsync(100);
    // Running but not ready until the first readiness success.
    expect(posted[0].containerStatuses?.[0]).toMatchObject({ ready: false, started: true, state: { running: {} } });
    expect(posted[0].conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(ready()).toBe('True');

    state.ready = false;
    await jest.advanceTimersByTimeAsync(2000);
    expect(last().containerStatuses?.[0].ready).toBe(false);
    expect(ready()).toBe('False');
    state.ready = true;
    await jest.advanceTimersByTimeAsync(1000);
    expect(ready()).toBe('True');

    state.healthy = false;
    await jest.advanceTimersByTimeAsync(2000);
    expect(state.stops).toEqual([7]);
    expect(state.started).toBe(2);
    expect(last().containerStatuses?.[0]).toMatchObject({
      restartCount: 1,
      state: { running: {} },
      lastState: { terminated: { exitCode: 143, reason: 'Error' } },
    });

    await worker.close();
    expect(jest.getTimerCount()).toBe(0);
  });
});
