import { restoreRecords } from './restore-records';
import type { ContainerStatus, Pod } from './pod-types';

const now = new Date('2024-01-01T00:10:00Z');
const earlier = '2024-01-01T00:00:00Z';

const pod = (status?: Partial<ContainerStatus>): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  status: status
    ? { containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: true, restartCount: 0, ...status }] }
    : undefined,
});

const exited = (exitCode: number, containerID: string) => ({
  terminated: { exitCode, startedAt: earlier, finishedAt: earlier, containerID },
});

describe('restoreRecords', () => {
  it.each([
    {
      name: 'a container never reported starts fresh',
      pod: pod(),
      want: { name: 'c', image: 'busybox', starts: 0 },
    },
    {
      name: 'a container reported running whose process is gone counts as exited, status unknown',
      pod: pod({ restartCount: 2, state: { running: { startedAt: earlier } } }),
      want: {
        starts: 3,
        terminated: expect.objectContaining({ exitCode: 137, reason: 'ContainerStatusUnknown' }),
        restartAt: now.getTime(),
      },
    },
    {
      name: 'a completed container stays completed',
      pod: pod({ restartCount: 1, state: exited(0, 'x://2'), lastState: exited(1, 'x://1') }),
      want: {
        starts: 2,
        terminated: expect.objectContaining({ exitCode: 0, containerID: 'x://2' }),
        lastTerminated: expect.objectContaining({ exitCode: 1, containerID: 'x://1' }),
      },
    },
  ])('$name', ({ pod, want }) => {
    const r = restoreRecords(pod, now).get('c')!;
    expect(r).toMatchObject(want);
    expect(r.running).toBeUndefined();
  });

  describe('with the instance an earlier run left running', () => {
    const instance = { containerID: 'x://2', startedAt: new Date(earlier), restartCount: 1 };

    it.each([
      {
        name: 'keeps it running with its restart count and reported last exit',
        pod: pod({ restartCount: 1, state: { running: { startedAt: earlier } }, lastState: exited(3, 'x://1') }),
      },
      {
        name: 'takes the reported exit as its last one when the status lagged behind its start',
        pod: pod({ restartCount: 0, state: exited(3, 'x://1') }),
      },
    ])('$name', ({ pod }) => {
      const r = restoreRecords(pod, now, new Map([['c', instance]])).get('c')!;
      expect(r).toMatchObject({
        starts: 2,
        running: { containerID: 'x://2', startedAt: new Date(earlier) },
        lastTerminated: { exitCode: 3, containerID: 'x://1' },
      });
      expect(r.terminated).toBeUndefined();
      expect(r.restartAt).toBeUndefined();
    });
  });
});
