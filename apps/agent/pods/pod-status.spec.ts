import { ContainerRecord, newRecord, Termination } from './container-record';
import { planPod } from './pod-plan';
import { podPhase, podStatus } from './pod-status';
import type { Pod } from './pod-types';

const T0 = Date.UTC(2024, 0, 1);
const NOW = T0 + 60_000;
const ended = (exitCode: number, at = T0 + 5000): Termination => ({
  exitCode,
  startedAt: new Date(T0),
  finishedAt: new Date(at),
  containerID: 'hostprocess://x',
});

type R = Partial<ContainerRecord>;
const running: R = { starts: 1, running: { containerID: 'hostprocess://a', startedAt: new Date(T0) } };
const exited = (code: number, extra: R = {}): R => ({
  starts: 1,
  terminated: ended(code),
  restartAt: T0 + 5000,
  ...extra,
});

const pod = (restartPolicy: string, main: R[], init: R[] = []): [Pod, Map<string, ContainerRecord>] => {
  const names = (prefix: string, rs: R[]) => rs.map((_, i) => ({ name: `${prefix}${i}`, image: 'busybox' }));
  const p: Pod = {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
    spec: { restartPolicy: restartPolicy as 'Always', containers: names('c', main), initContainers: names('i', init) },
  };
  const records = new Map<string, ContainerRecord>();
  init.forEach((r, i) => records.set(`i${i}`, { ...newRecord(`i${i}`, 'busybox'), ...r }));
  main.forEach((r, i) => records.set(`c${i}`, { ...newRecord(`c${i}`, 'busybox'), ...r }));
  return [p, records];
};

describe('planPod', () => {
  it.each([
    { name: 'starts the first init container', policy: 'Always', init: [{}, {}], main: [{}], start: ['i0'] },
    { name: 'waits for a running init container', policy: 'Always', init: [running, {}], main: [{}], start: [] },
    { name: 'next init after one succeeded', policy: 'Always', init: [exited(0), {}], main: [{}], start: ['i1'] },
    {
      name: 'all containers once init is done',
      policy: 'Always',
      init: [exited(0)],
      main: [{}, {}],
      start: ['c0', 'c1'],
    },
    { name: 'restarts a failed init container', policy: 'Never', init: [], main: [exited(1)], start: [] },
    { name: 'Always restarts a completed container', policy: 'Always', main: [exited(0)], start: ['c0'] },
    { name: 'OnFailure leaves a completed one', policy: 'OnFailure', main: [exited(0)], start: [] },
    { name: 'OnFailure restarts a failed one', policy: 'OnFailure', main: [exited(2)], start: ['c0'] },
    { name: 'Never restarts nothing', policy: 'Never', main: [exited(2)], start: [] },
    {
      name: 'backoff delays the restart',
      policy: 'Always',
      main: [exited(1, { restartAt: NOW + 10_000 })],
      start: [],
      wakeAt: NOW + 10_000,
    },
    {
      name: 'a start error is retried',
      policy: 'Never',
      main: [{ startError: { reason: 'X', message: 'y' }, restartAt: NOW }],
      start: ['c0'],
    },
  ])('$name', ({ policy, init, main, start, wakeAt }) => {
    const [p, records] = pod(policy, main, init);
    const plan = planPod(p.spec!, records, NOW);
    expect(plan.start).toEqual(start);
    if (wakeAt) expect(plan.wakeAt).toBe(wakeAt);
  });

  it('fails the pod when an init container fails under Never', () => {
    const [p, records] = pod('Never', [{}], [exited(1)]);
    expect(planPod(p.spec!, records, NOW)).toMatchObject({ start: [], initFailed: true });
  });
});

describe('podPhase', () => {
  it.each([
    { name: 'nothing started', policy: 'Always', main: [{}], phase: 'Pending' },
    { name: 'init running', policy: 'Always', init: [running], main: [{}], phase: 'Pending' },
    { name: 'init failed under Never', policy: 'Never', init: [exited(1)], main: [{}], phase: 'Failed' },
    { name: 'one running', policy: 'Always', main: [running, exited(0)], phase: 'Running' },
    { name: 'one not yet started', policy: 'Always', main: [running, {}], phase: 'Pending' },
    { name: 'crash looping', policy: 'Always', main: [exited(1)], phase: 'Running' },
    { name: 'all completed (OnFailure)', policy: 'OnFailure', main: [exited(0), exited(0)], phase: 'Succeeded' },
    { name: 'all completed (Never)', policy: 'Never', main: [exited(0)], phase: 'Succeeded' },
    { name: 'one failed (Never)', policy: 'Never', main: [exited(0), exited(3)], phase: 'Failed' },
    { name: 'one failed (OnFailure) restarts', policy: 'OnFailure', main: [exited(3)], phase: 'Running' },
    {
      name: 'cannot start',
      policy: 'Always',
      main: [{ startError: { reason: 'RunContainerError', message: 'm' } }],
      phase: 'Pending',
    },
  ])('$name', ({ policy, init, main, phase }) => {
    const [p, records] = pod(policy, main, init);
    expect(podPhase(p, records, NOW)).toBe(phase);
  });
});

describe('podStatus', () => {
  const ctx = { hostIP: '10.0.0.5', startTime: new Date(T0), now: NOW };

  it('reports a running pod ready, with the node address and conditions', () => {
    const [p, records] = pod('Always', [running]);
    const s = podStatus(p, records, ctx);
    expect(s).toMatchObject({
      phase: 'Running',
      podIP: '10.0.0.5',
      hostIP: '10.0.0.5',
      startTime: '2024-01-01T00:00:00Z',
    });
    expect(s.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    expect(s.containerStatuses?.[0]).toMatchObject({
      name: 'c0',
      image: 'busybox',
      ready: true,
      restartCount: 0,
      containerID: 'hostprocess://a',
      state: { running: { startedAt: '2024-01-01T00:00:00Z' } },
    });
  });

  it('reports CrashLoopBackOff with the last termination while backing off', () => {
    const [p, records] = pod('Always', [
      {
        starts: 3,
        terminated: ended(1, NOW - 5000),
        lastTerminated: ended(1),
        restartAt: NOW + 15_000,
        restartDelayMs: 20_000,
      },
    ]);
    const c = podStatus(p, records, ctx).containerStatuses![0];
    expect(c.restartCount).toBe(2);
    expect(c.state?.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: 'back-off 20s restarting failed container=c0 pod=p_ns(u1)',
    });
    expect(c.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(c.ready).toBe(false);
  });

  it('reports a completed container as Completed and the pod not ready', () => {
    const [p, records] = pod('Never', [exited(0)]);
    const s = podStatus(p, records, ctx);
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses![0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('explains a container that cannot run', () => {
    const message = "the host-process runtime runs a container's command; image nginx given without a command or args";
    const [p, records] = pod('Always', [{ startError: { reason: 'RunContainerError', message } }]);
    expect(podStatus(p, records, ctx).containerStatuses![0].state).toEqual({
      waiting: { reason: 'RunContainerError', message },
    });
  });

  it('shows init progress', () => {
    const [p, records] = pod('Always', [{}], [exited(0), running]);
    const s = podStatus(p, records, ctx);
    expect(s.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [i1]',
    });
    expect(s.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(s.initContainerStatuses?.map((c) => Object.keys(c.state!)[0])).toEqual(['terminated', 'running']);
  });

  it.each([
    { name: 'no probes', probed: undefined, started: true, ready: true, podReady: 'True' },
    {
      name: 'startup probe pending',
      probed: { started: false, ready: false },
      started: false,
      ready: false,
      podReady: 'False',
    },
    {
      name: 'started, readiness pending',
      probed: { started: true, ready: false },
      started: true,
      ready: false,
      podReady: 'False',
    },
    { name: 'readiness passed', probed: { started: true, ready: true }, started: true, ready: true, podReady: 'True' },
  ])('reports probe results: $name', ({ probed, started, ready, podReady }) => {
    const [p, records] = pod('Always', [{ ...running, probed }, running]);
    const s = podStatus(p, records, ctx);
    expect(s.containerStatuses![0]).toMatchObject({ started, ready });
    expect(s.phase).toBe('Running');
    for (const type of ['Ready', 'ContainersReady'])
      expect(s.conditions?.find((c) => c.type === type)).toMatchObject({
        status: podReady,
        ...(podReady === 'False' ? { message: 'containers with unready status: [c0]' } : {}),
      });
  });

  it('keeps a condition transition time while its status holds', () => {
    const [p, records] = pod('Always', [running]);
    p.status = { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2023-05-05T00:00:00Z' }] };
    const s = podStatus(p, records, ctx);
    expect(s.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe('2023-05-05T00:00:00Z');
    expect(s.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2024-01-01T00:01:00Z');
  });
});
