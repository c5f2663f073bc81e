import { StatusError } from '@kubenest/apimachinery';
import { ignoreNotFound } from './ignore-not-found';

describe('ignoreNotFound', () => {
  it.each([
    { name: 'passes a requeue through', step: async () => ({ requeueAfterMs: 500 }), want: { requeueAfterMs: 500 } },
    { name: 'passes nothing through', step: async () => undefined, want: undefined },
    {
      name: 'ends quietly on a NotFound',
      step: async () => {
        throw StatusError.notFound({ group: 'apps', resource: 'deployments' }, 'web');
      },
      want: undefined,
    },
  ])('$name', async ({ step, want }) => {
    expect(await ignoreNotFound(step)({})).toEqual(want);
  });

  it('throws any other error', async () => {
    const conflict = StatusError.conflict({ group: 'apps', resource: 'deployments' }, 'web', 'modified');
    await expect(
      ignoreNotFound(async () => {
        throw conflict;
      })({}),
    ).rejects.toBe(conflict);
  });
});
