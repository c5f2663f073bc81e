// The in-process clients the loops act through: a service account's groups, and each loop's
// identity held to its grants, so that a loop writing past them gets 403 and changes nothing.
import { Logger } from '@nestjs/common';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { KubeObject, StatusError } from '@kubenest/apimachinery';
import { clusterAuthorizer, NodeGraph } from '@kubenest/auth';
import { resources } from '@kubenest/client';
import { AdmissionChain, ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { ClientFor, clientFor, userFor } from './in-process-clients';

describe('userFor', () => {
  it.each([
    {
      identity: 'system:serviceaccount:kube-system:namespace-controller',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'],
    },
    {
      identity: 'system:serviceaccount:default:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    },
    { identity: 'system:kube-controller-manager', groups: ['system:authenticated'] },
    { identity: 'system:serviceaccount:incomplete', groups: ['system:authenticated'] },
  ])('$identity → $groups', ({ identity, groups }) => {
    expect(userFor(identity)).toEqual({ name: identity, groups });
  });
});

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const configMap = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'work' },
  data: { a: 'b' },
});

describe('a loop’s client, authorized as its identity', () => {
  let stores: ResourceStores;
  let clients: ClientFor;
  const admin = { name: 'admin', groups: ['system:masters'] };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const registry = new ResourceRegistry(builtinStrategies);
    stores = new ResourceStores(registry, new FakeStore(), new AdmissionChain());
    await stores.start();
    clients = clientFor({
      registry,
      stores,
      handler: new ResourceHandler(applyFieldValidation),
      authorizer: clusterAuthorizer(new NodeGraph()),
    });
    await clients(admin).resource(resources.namespaces).create(namespace('work'));
    await clients(admin).resource(resources.configMaps).create(configMap('settings'));
  });

  afterAll(() => stores.stop());

  const namespaceController = 'system:serviceaccount:kube-system:namespace-controller';
  const certificateController = 'system:serviceaccount:kube-system:certificate-controller';

  it.each([
    {
      name: 'the namespace controller creates a config map',
      identity: namespaceController,
      write: (c: ClientFor, id: string) => c(id).resource(resources.configMaps).create(configMap('new')),
    },
    {
      name: 'the namespace controller updates a config map',
      identity: namespaceController,
      write: (c: ClientFor, id: string) =>
        c(id)
          .resource(resources.configMaps)
          .update({ ...configMap('settings'), data: { a: 'changed' } }),
    },
    {
      name: 'the certificate controller deletes a config map',
      identity: certificateController,
      write: (c: ClientFor, id: string) => c(id).resource(resources.configMaps).delete('work', 'settings'),
    },
    {
      name: 'the certificate controller deletes a namespace',
      identity: certificateController,
      write: (c: ClientFor, id: string) => c(id).resource(resources.namespaces).delete(undefined, 'work'),
    },
    {
      name: 'kube-controller-manager deletes a config map',
      identity: 'system:kube-controller-manager',
      write: (c: ClientFor, id: string) => c(id).resource(resources.configMaps).delete('work', 'settings'),
    },
  ])('$name → 403, nothing changed', async ({ identity, write }) => {
    const error = await write(clients, identity).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(StatusError.is(error) && error.code).toBe(403);
    const configMaps = await clients(admin).resource(resources.configMaps).list('work');
    expect(configMaps.items.map((cm) => [cm.metadata.name, (cm as { data?: object }).data])).toEqual([
      ['settings', { a: 'b' }],
    ]);
    expect(await clients(admin).resource(resources.namespaces).get(undefined, 'work')).toMatchObject({
      metadata: { name: 'work' },
    });
  });

  it('lets the namespace controller list and delete what its role grants', async () => {
    const client = clients(namespaceController);
    expect((await client.resource(resources.configMaps).list('work')).items).toHaveLength(1);
    await client.resource(resources.configMaps).delete('work', 'settings');
    expect((await client.resource(resources.configMaps).list('work')).items).toHaveLength(0);
  });
});
