import { LeaseRenewal } from './lease-observations';
import { LeaseRenewals, nodeLiveness } from './node-liveness';

const renewed: LeaseRenewal = { sinceMs: 3_000, remainingMs: 37_000 };

const leases = (renewal: LeaseRenewal | undefined, synced: Promise<void> = Promise.resolve()): LeaseRenewals => ({
  synced,
  renewal: (name) => (name === 'w1' ? renewal : undefined),
  sinceRenewalMs: (name) => (name === 'w1' ? renewal?.sinceMs : undefined),
});

describe('nodeLiveness', () => {
  it.each([
    { name: 'a Node whose lease was seen renewed', node: true, renewal: renewed, live: true },
    {
      name: 'a Node whose lease was not seen renewed within the grace period',
      node: true,
      renewal: undefined,
      live: false,
    },
    { name: 'a lease seen renewed but no Node', node: false, renewal: renewed, live: false },
  ])('$name → live $live', async ({ node, renewal, live }) => {
    const liveNode = nodeLiveness({
      getNode: async (_ns, name) => (node && name === 'w1' ? { metadata: { name } } : undefined),
      leases: leases(renewal),
    });
    expect(await liveNode('w1')).toEqual(live ? renewed : undefined);
  });

  it('answers only once every lease there was at start-up has been seen', async () => {
    let sync = (): void => undefined;
    const liveNode = nodeLiveness({
      getNode: async (_ns, name) => ({ metadata: { name } }),
      leases: leases(renewed, new Promise((resolve) => (sync = resolve))),
    });
    let answer: unknown = 'none yet';
    const asked = liveNode('w1').then((live) => (answer = live));
    await new Promise((r) => setImmediate(r));
    expect(answer).toBe('none yet');
    sync();
    await asked;
    expect(answer).toEqual(renewed);
  });
});
