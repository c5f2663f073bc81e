import { Pod, podAction, runningPodStatus, simulatedPodAddress } from './simulated-pod-status';

const NOW = new Date('2025-03-01T10:00:05.123Z');
const placement = { hostIP: '198.18.0.4', podIP: '100.64.0.9', now: NOW };

const pod = (extra: Partial<Pod> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
  spec: {
    nodeName: 'sim-3',
    containers: [
      { name: 'app', image: 'nginx' },
      { name: 'side', image: 'busybox' },
    ],
  },
  status: { phase: 'Pending', qosClass: 'BestEffort' },
  ...extra,
});

describe('runningPodStatus', () => {
  it('is Running with every condition True, addresses and start times', () => {
    const s = runningPodStatus(pod(), placement);
    expect(s).toMatchObject({
      phase: 'Running',
      hostIP: '198.18.0.4',
      hostIPs: [{ ip: '198.18.0.4' }],
      podIP: '100.64.0.9',
      podIPs: [{ ip: '100.64.0.9' }],
      startTime: '2025-03-01T10:00:05Z',
    });
    expect(s.conditions!.map((c) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['ContainersReady', 'True'],
      ['Ready', 'True'],
      ['PodScheduled', 'True'],
    ]);
    expect(s.containerStatuses).toEqual([
      expect.objectContaining({
        name: 'app',
        image: 'nginx',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: '2025-03-01T10:00:05Z' } },
      }),
      expect.objectContaining({ name: 'side', image: 'busybox', ready: true }),
    ]);
    expect(s.initContainerStatuses).toEqual([]);
  });

  it.each([
    {
      name: 'keeps the address, start time and transition times already reported',
      status: {
        phase: 'Running',
        podIP: '100.64.0.2',
        startTime: '2025-03-01T09:00:00Z',
        conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-03-01T08:59:59Z' }],
        containerStatuses: [{ name: 'app', state: { running: { startedAt: '2025-03-01T09:00:01Z' } } }],
      },
      want: { podIP: '100.64.0.2', startTime: '2025-03-01T09:00:00Z', scheduled: '2025-03-01T08:59:59Z' },
      appStarted: '2025-03-01T09:00:01Z',
    },
    {
      name: 'restarts the clock of a condition that was False',
      status: { conditions: [{ type: 'PodScheduled', status: 'False', lastTransitionTime: '2025-03-01T08:00:00Z' }] },
      want: { podIP: '100.64.0.9', startTime: '2025-03-01T10:00:05Z', scheduled: '2025-03-01T10:00:05Z' },
      appStarted: '2025-03-01T10:00:05Z',
    },
  ])('$name', ({ status, want, appStarted }) => {
    const s = runningPodStatus(pod({ status: status as Pod['status'] }), placement);
    expect(s.podIP).toBe(want.podIP);
    expect(s.startTime).toBe(want.startTime);
    expect(s.conditions!.find((c) => c.type === 'PodScheduled')!.lastTransitionTime).toBe(want.scheduled);
    expect(s.containerStatuses![0].state!.running!.startedAt).toBe(appStarted);
  });

  it('reports init containers as completed', () => {
    const p = pod();
    p.spec!.initContainers = [{ name: 'init', image: 'busybox' }];
    expect(runningPodStatus(p, placement).initContainerStatuses).toEqual([
      expect.objectContaining({
        name: 'init',
        ready: true,
        state: { terminated: expect.objectContaining({ exitCode: 0, reason: 'Completed' }) },
      }),
    ]);
  });
});

describe('podAction', () => {
  const running = runningPodStatus(pod(), placement);
  it.each([
    { name: 'a pending pod is run', pod: pod(), want: 'run' },
    { name: 'a pod reported running is left alone', pod: pod({ status: running }), want: 'none' },
    {
      name: 'a running pod missing a container status is run again',
      pod: pod({ status: { ...running, containerStatuses: running.containerStatuses!.slice(0, 1) } }),
      want: 'run',
    },
    { name: 'a finished pod stays finished', pod: pod({ status: { phase: 'Succeeded' } }), want: 'none' },
    { name: 'a failed pod stays failed', pod: pod({ status: { phase: 'Failed' } }), want: 'none' },
    {
      name: 'a pod marked for deletion is confirmed',
      pod: pod({ metadata: { name: 'web', uid: 'u1', deletionTimestamp: '2025-03-01T10:00:30Z' as never } }),
      want: 'confirm-deletion',
    },
  ])('$name', ({ pod: p, want }) => expect(podAction(p)).toBe(want));
});

describe('simulatedPodAddress', () => {
  it.each([
    [0, '100.64.0.1'],
    [254, '100.64.0.255'],
    [255, '100.64.1.0'],
    [65535, '100.65.0.0'],
    [(1 << 22) - 3, '100.127.255.254'],
    [(1 << 22) - 2, '100.64.0.1'],
  ])('pod %i gets %s', (n, ip) => expect(simulatedPodAddress(n)).toBe(ip));
});
