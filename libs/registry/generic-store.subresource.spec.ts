// GenericStore.update through a strategy's named update subresources (a CSR's /approval): the
// subresource's own prepare and validate hooks run instead of the main resource's.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject, forbidden } from '@kubenest/apimachinery';
import { AdmissionAttributes, AdmissionChain } from './admission';
import { FakeStore } from './cache/testing/fake-store';
import { GenericStore } from './generic-store';
import { statusOf } from './generic-store.testing';
import { Strategy } from './strategy';

/** Main updates keep status; /verdict writes status.verdict only and never takes it back. */
const tickets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Ticket', plural: 'tickets' },
  namespaced: false,
  nameValidator: nameIsDNSSubdomain,
  prepareForUpdate: (t, old) => {
    t.status = old.status;
  },
  validate: () => [],
  updateSubresources: {
    verdict: {
      prepareForUpdate: (t, old) => {
        t.spec = old.spec;
        t.status = { ...(old.status as object), verdict: (t.status as { verdict?: string } | undefined)?.verdict };
      },
      validateUpdate: (t, old) =>
        (old.status as { verdict?: string }).verdict && !(t.status as { verdict?: string }).verdict
          ? [forbidden('status.verdict', 'may not be removed')]
          : [],
    },
  },
};

const setup = async () => {
  const seen: AdmissionAttributes[] = [];
  const admission = new AdmissionChain([{ name: 'Seen', admit: async (a) => void seen.push(structuredClone(a)) }]);
  const generic = new GenericStore(tickets, new FakeStore(), admission);
  await generic.create(undefined, { metadata: { name: 't' }, spec: { size: 1 }, status: { note: 'n' } });
  seen.length = 0;
  return { generic, seen };
};

const rewrite =
  (spec: unknown, status: unknown) =>
  (cur: KubeObject | undefined): KubeObject => ({ ...cur!, spec, status });

describe('GenericStore update subresources', () => {
  it('writes only what the subresource strategy lets through', async () => {
    const { generic, seen } = await setup();
    const { object } = await generic.update(undefined, 't', rewrite({ size: 9 }, { verdict: 'yes' }), {
      subresource: 'verdict',
    });
    expect(object.spec).toEqual({ size: 1 });
    expect(object.status).toEqual({ note: 'n', verdict: 'yes' });
    expect(seen[0]).toMatchObject({ operation: 'UPDATE', subresource: 'verdict' });
  });

  it('keeps the subresource out of a main update', async () => {
    const { generic } = await setup();
    const { object } = await generic.update(undefined, 't', rewrite({ size: 2 }, { verdict: 'yes' }));
    expect(object.spec).toEqual({ size: 2 });
    expect(object.status).toEqual({ note: 'n' });
  });

  it("runs the subresource's validation", async () => {
    const { generic } = await setup();
    await generic.update(undefined, 't', rewrite({}, { verdict: 'yes' }), { subresource: 'verdict' });
    const e = await statusOf(generic.update(undefined, 't', rewrite({}, {}), { subresource: 'verdict' }));
    expect(e.code).toBe(422);
  });

  it('answers 404 for a subresource the strategy does not serve', async () => {
    const { generic } = await setup();
    const e = await statusOf(generic.update(undefined, 't', rewrite({}, {}), { subresource: 'nope' }));
    expect(e.code).toBe(404);
    expect(e.message).toContain('tickets/nope');
  });
});
