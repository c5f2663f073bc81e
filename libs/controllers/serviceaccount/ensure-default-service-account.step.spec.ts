import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { ensureDefaultServiceAccount } from './ensure-default-service-account.step';

const ns = (over: Partial<KubeObject['metadata']> = {}, phase = 'Active'): KubeObject =>
  ({ metadata: { name: 'team', ...over }, status: { phase } }) as KubeObject;

describe('ensureDefaultServiceAccount', () => {
  it.each([
    { name: 'an active namespace without one', namespace: ns(), exists: false, created: ['team/default'] },
    { name: 'a namespace that has one', namespace: ns(), exists: true, created: [] },
    { name: 'a terminating namespace', namespace: ns({}, 'Terminating'), exists: false, created: [] },
    { name: 'a namespace being deleted', namespace: ns({ deletionTimestamp: 'x' }), exists: false, created: [] },
  ])('$name: creates $created', async ({ namespace, exists, created }) => {
    const made: string[] = [];
    await ensureDefaultServiceAccount({
      exists: () => exists,
      create: async (sa) => made.push(`${sa.metadata.namespace}/${sa.metadata.name}`),
    })(namespace);
    expect(made).toEqual(created);
  });

  it.each([
    { code: 409, fails: false },
    { code: 403, fails: false },
    { code: 500, fails: true },
  ])('a create answered $code fails the reconcile: $fails', async ({ code, fails }) => {
    const step = ensureDefaultServiceAccount({
      exists: () => false,
      create: async () => {
        throw new StatusError(code, 'Unknown' as never, 'no');
      },
    });
    if (fails) await expect(step(ns())).rejects.toBeDefined();
    else await expect(step(ns())).resolves.toBeUndefined();
  });
});
