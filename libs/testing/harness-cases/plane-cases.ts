// What the harness's unit (FakeStore) and medium (PostgreSQL) tests both check, on a started plane.
import type { Namespace } from '@kubenest/api/core/types';
import { StatusError } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import type { TestControlPlane } from '../test-control-plane';
import { waitFor } from '../wait';

const gone = async (plane: TestControlPlane, name: string): Promise<boolean> =>
  plane.admin
    .resource<Namespace>(resources.namespaces)
    .get(undefined, name)
    .then(
      () => false,
      (e: unknown) => StatusError.is(e) && e.code === 404,
    );

/** A namespace deleted through the admin client is finalized by the plane's loop and goes. */
export const namespaceDeletionCompletes = async (plane: TestControlPlane): Promise<void> => {
  const namespaces = plane.admin.resource<Namespace>(resources.namespaces);
  await namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
  await namespaces.delete(undefined, 'doomed');
  await waitFor('namespace doomed to be gone', () => gone(plane, 'doomed'), 20_000, 50);
};

const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** A denied identity's writes fail with 403 and change nothing. */
export const deniedWritesChangeNothing = async (plane: TestControlPlane): Promise<void> => {
  const nobody = plane.clientFor('system:serviceaccount:default:nobody');
  const created = await rejection(
    nobody.resource(resources.configMaps).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sneaky' } }),
  );
  expect(created).toMatchObject({ code: 403, reason: 'Forbidden' });
  const configMaps = await plane.admin.resource(resources.configMaps).list('default');
  expect(configMaps.items.map((cm) => cm.metadata.name)).not.toContain('sneaky');

  const deleted = await rejection(nobody.resource(resources.namespaces).delete(undefined, 'default'));
  expect(deleted).toMatchObject({ code: 403, reason: 'Forbidden' });
  const ns = await plane.admin.resource<Namespace>(resources.namespaces).get(undefined, 'default');
  expect(ns.metadata.deletionTimestamp).toBeUndefined();
};
