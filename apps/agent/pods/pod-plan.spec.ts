import { ContainerRecord, newRecord } from './container-record';
import { planPod } from './pod-plan';
import type { Container } from './pod-types';

const NOW = Date.UTC(2024, 0, 1, 0, 1);
const crashed = (exitCode: number, restartAt: number): Partial<ContainerRecord> => ({
  starts: 1,
  terminated: {
    exitCode,
    startedAt: new Date(NOW - 9000),
    finishedAt: new Date(NOW - 5000),
    containerID: 'hostprocess://x',
  },
  restartAt,
});
const running: Partial<ContainerRecord> = {
  starts: 1,
  running: { containerID: 'hostprocess://a', startedAt: new Date(NOW) },
};

const plan = (
  restartPolicy: string,
  main: Array<Partial<ContainerRecord>>,
  init: Array<Partial<ContainerRecord>> = [],
) => {
  const records = new Map<string, ContainerRecord>();
  const containers = (prefix: string, rs: Array<Partial<ContainerRecord>>): Container[] =>
    rs.map((r, i) => {
      records.set(`${prefix}${i}`, { ...newRecord(`${prefix}${i}`, 'busybox'), ...r });
      return { name: `${prefix}${i}`, image: 'busybox' };
    });
  return planPod(
    { restartPolicy, initContainers: containers('i', init), containers: containers('c', main) },
    records,
    NOW,
  );
};

describe('planPod backingOff', () => {
  it.each([
    {
      name: 'a crashed container before its restart time',
      policy: 'Always',
      main: [crashed(1, NOW + 10_000)],
      want: ['c0'],
    },
    { name: 'a crashed container whose restart is due', policy: 'Always', main: [crashed(1, NOW)], want: [] },
    { name: 'a completed container under OnFailure', policy: 'OnFailure', main: [crashed(0, NOW + 10_000)], want: [] },
    { name: 'a failed container under Never', policy: 'Never', main: [crashed(1, NOW + 10_000)], want: [] },
    {
      name: 'a start error waiting for its retry',
      policy: 'Always',
      main: [{ startError: { reason: 'X', message: 'y' }, restartAt: NOW + 10_000 }],
      want: [],
    },
    {
      name: 'only the containers waiting',
      policy: 'Always',
      main: [running, crashed(2, NOW + 10_000), crashed(1, NOW + 20_000)],
      want: ['c1', 'c2'],
    },
    {
      name: 'a failed init container under Always',
      policy: 'Always',
      main: [{}],
      init: [crashed(1, NOW + 10_000)],
      want: ['i0'],
    },
  ])('$name: $want', ({ policy, main, init, want }) => {
    expect(plan(policy, main, init).backingOff).toEqual(want);
  });
});
