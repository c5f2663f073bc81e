import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { ResourceClient, ResourceRef, resources } from '@kubenest/client';
import { FakeResourceClient } from '@kubenest/client/testing';
import { LeaderElector } from './leader-elector';

/**
 * A view of the shared fake client that fails every call while `cut` is set, as a partition would,
 * and whose updates never answer while `hang` is set, as a stalled connection would.
 */
const partitionable = (client: FakeResourceClient) => {
  const link = { cut: false, hang: false };
  const view: ResourceClient = {
    resource: <T extends KubeObject>(ref: ResourceRef) => {
      const r = client.resource<T>(ref);
      const guard =
        <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
        async (...a: A): Promise<R> => {
          if (link.cut) throw StatusError.unavailable('connection refused');
          return fn(...a);
        };
      const update: typeof r.update = (...a) => (link.hang ? new Promise(() => {}) : guard(r.update)(...a));
      return { ...r, get: guard(r.get), create: guard(r.create), update } as typeof r;
    },
  };
  return { view, link };
};

describe('LeaderElector (fake clock, two processes on one fake client)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const setup = () => {
    const client = new FakeResourceClient();
    const timeline: string[] = [];
    const elector = (identity: string) => {
      const { view, link } = partitionable(client);
      const e = new LeaderElector({
        client: view,
        leaseName: 'kube-controller-manager',
        identity,
        onStartedLeading: () => timeline.push(`${Date.now() / 1000}s ${identity} leads`),
        onStoppedLeading: () => timeline.push(`${Date.now() / 1000}s ${identity} stops`),
      });
      return { e, link };
    };
    const lease = () => client.resource<KubeObject>(resources.leases).get('kube-system', 'kube-controller-manager');
    return { client, timeline, elector, lease };
  };

  it('one leads; the other takes over only after the lease expired; never both', async () => {
    const { timeline, elector, lease } = setup();
    const a = elector('a');
    const b = elector('b');
    a.e.start();
    await jest.advanceTimersByTimeAsync(1);
    b.e.start();
    for (let t = 0; t < 60; t++) {
      await jest.advanceTimersByTimeAsync(1000);
      expect(a.e.isLeader() && b.e.isLeader()).toBe(false);
      if (t === 5) a.link.cut = true;
    }
    // a last renewed at 6 s: it stops leading after the 10 s renew deadline; b, which saw that
    // renewal at 6 s, takes the lease once 15 s have passed on its own clock.
    expect(timeline).toEqual(['0s a leads', '16s a stops', '22.001s b leads']);
    const spec = (await lease()).spec as {
      holderIdentity: string;
      leaseTransitions: number;
      leaseDurationSeconds: number;
    };
    expect(spec).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1, leaseDurationSeconds: 15 });
    await b.e.stop();
    await a.e.stop();
  });

  it('a leader whose renewal hangs stops leading at its renew deadline, the call still pending', async () => {
    const { timeline, elector } = setup();
    const a = elector('a');
    a.e.start();
    await jest.advanceTimersByTimeAsync(5000);
    a.link.hang = true;
    // The renewal at 6 s never answers; a last renewed at 4 s, so it must stop leading at 14 s.
    await jest.advanceTimersByTimeAsync(8999);
    expect(a.e.isLeader()).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(a.e.isLeader()).toBe(false);
    expect(timeline).toEqual(['0s a leads', '14s a stops']);
    await a.e.stop();
  });

  it('a leader that stops releases the lease: the other takes it at its next try', async () => {
    const { timeline, elector, lease } = setup();
    const a = elector('a');
    const b = elector('b');
    a.e.start();
    await jest.advanceTimersByTimeAsync(1);
    b.e.start();
    await jest.advanceTimersByTimeAsync(5000);
    await a.e.stop();
    expect((await lease()).spec).toMatchObject({ holderIdentity: '', leaseDurationSeconds: 1 });
    await jest.advanceTimersByTimeAsync(2000);
    expect(timeline).toEqual(['0s a leads', '5.001s a stops', '6.001s b leads']);
    await b.e.stop();
  });

  it('keeps its acquireTime while it renews and counts transitions when the holder changes', async () => {
    const { elector, lease } = setup();
    const a = elector('a');
    a.e.start();
    await jest.advanceTimersByTimeAsync(4500);
    expect((await lease()).spec).toMatchObject({
      holderIdentity: 'a',
      acquireTime: '1970-01-01T00:00:00.000000Z',
      renewTime: '1970-01-01T00:00:04.000000Z',
      leaseTransitions: 0,
    });
    await a.e.stop();
  });
});
