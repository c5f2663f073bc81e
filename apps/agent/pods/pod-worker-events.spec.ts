import type { ChildProcess } from 'node:child_process';
import type { EventSubject, KubeletEvent } from '../events';
import { ContainerCannotRun } from '../runtime/container-cannot-run';
import type { ContainerExit, ContainerRuntime, RunningContainer } from '../runtime/container-runtime';
import { PodWorker } from './pod-worker';
import type { Pod } from './pod-types';

type Behaviour = 'runs' | 'crashes' | 'cannot run';

/** A runtime whose containers run until stopped, exit at once with 3, or cannot start. */
const fakeRuntime = (behaviour: Behaviour): ContainerRuntime => ({
  name: 'fake',
  start: async () => {
    if (behaviour === 'cannot run') throw new ContainerCannotRun('RunContainerError', 'no command given');
    let settle: (e: ContainerExit) => void = () => undefined;
    const exited = new Promise<ContainerExit>((r) => (settle = r));
    const container: RunningContainer = {
      id: 'c1',
      pid: 1000,
      startedAt: new Date(),
      logPath: '/dev/null',
      exited,
      exit: () => undefined,
      stdinOnce: false,
      tty: false,
      resizeTerminal: () => undefined,
      watchOutput: () => () => undefined,
      detach: async () => undefined,
      stop: async () => {
        const result = { exitCode: 143, signal: 'SIGTERM', finishedAt: new Date() };
        settle(result);
        return result;
      },
    };
    if (behaviour === 'crashes') setTimeout(() => settle({ exitCode: 3, finishedAt: new Date() }), 50);
    return container;
  },
  logPath: () => '/dev/null',
  exec: () => ({}) as ChildProcess,
  adoptRunning: async () => [],
  removePod: async () => undefined,
});

const pod = (): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: { containers: [{ name: 'c', image: 'busybox', command: ['run'] }] },
});

const workerFor = (behaviour: Behaviour, initial = pod()) => {
  const recorded: { subject: EventSubject; event: KubeletEvent }[] = [];
  const worker = new PodWorker(
    {
      runtime: fakeRuntime(behaviour),
      sources: { configMap: async () => undefined, secret: async () => undefined, services: async () => [] },
      node: { name: 'n', hostIP: '127.0.0.1', allocatable: { cpu: '1', memory: '1Gi' } },
      podsDir: '/nonexistent',
      patchPodStatus: async () => undefined,
      confirmDeletion: async () => undefined,
      recordEvent: (subject, event) => void recorded.push({ subject, event }),
    },
    initial,
    () => undefined,
  );
  const reasons = () => recorded.map((r) => r.event.reason);
  return { worker, recorded, reasons };
};

describe('PodWorker events', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2024, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('records Pulled, Created and Started about the container, and Killing on deletion', async () => {
    const { worker, recorded, reasons } = workerFor('runs');
    worker.kick();
    await jest.advanceTimersByTimeAsync(100);
    expect(reasons()).toEqual(['Pulled', 'Created', 'Started']);
    expect(recorded[0].subject).toEqual({
      pod: { name: 'p', namespace: 'ns', uid: 'u1' },
      fieldPath: 'spec.containers{c}',
    });
    worker.update({ ...pod(), metadata: { ...pod().metadata, deletionTimestamp: '2024-01-01T00:00:01Z' } });
    await jest.advanceTimersByTimeAsync(100);
    expect(recorded.at(-1)?.event).toEqual({ type: 'Normal', reason: 'Killing', message: 'Stopping container c' });
  });

  it('records BackOff while a crashing container waits to restart', async () => {
    const { worker, recorded, reasons } = workerFor('crashes');
    worker.kick();
    // Started, exits, restarted at once (kubelet's first restart), exits again: now backing off.
    await jest.advanceTimersByTimeAsync(200);
    expect(reasons()).toEqual(['Pulled', 'Created', 'Started', 'Pulled', 'Created', 'Started', 'BackOff']);
    expect(recorded.at(-1)?.event).toEqual({
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container c in pod p_ns(u1)',
    });
    await worker.close();
  });

  it('records Failed when the container cannot run', async () => {
    const { worker, recorded, reasons } = workerFor('cannot run');
    worker.kick();
    await jest.advanceTimersByTimeAsync(100);
    expect(reasons()).toEqual(['Pulled', 'Failed']);
    expect(recorded[1].event).toEqual({ type: 'Warning', reason: 'Failed', message: 'Error: no command given' });
    await worker.close();
  });

  it('addresses an init container by its own fieldPath', async () => {
    const withInit = pod();
    withInit.spec!.initContainers = [{ name: 'setup', image: 'busybox', command: ['run'] }];
    const { worker, recorded } = workerFor('runs', withInit);
    worker.kick();
    await jest.advanceTimersByTimeAsync(100);
    expect(recorded[0].subject.fieldPath).toBe('spec.initContainers{setup}');
    await worker.close();
  });
});
