// NamespaceLifecycle reads namespaces through the getter a later provider brings (the apiserver's
// informer lister), even when a write was admitted before that provider was built.
import { Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KubeObject } from '@kubenest/apimachinery';
import { ObjectGetter } from '@kubenest/controllers';
import { ResourceStores } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { NAMESPACE_GETTER, RegistryModule } from './registry.module';
import { StorageModule } from './storage.module';

const user = { name: 'admin', groups: ['system:masters'] };
const createConfigMap = (stores: ResourceStores, name: string) =>
  stores
    .byKind('', 'ConfigMap')!
    .store.create(
      'default',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } },
      { user },
    );

@Module({})
class Later {}

describe('RegistryModule admission', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('reads namespaces through NAMESPACE_GETTER once it is provided, after an earlier write read them live', async () => {
    const getNamespace = jest.fn<ReturnType<ObjectGetter>, Parameters<ObjectGetter>>(
      async (_, name): Promise<KubeObject> => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    );
    const earlyWrite = Symbol('early write');
    const registry = RegistryModule.forRoot(StorageModule.forRoot({ useFactory: () => new FakeStore() }));
    const plane = await Test.createTestingModule({
      imports: [
        {
          module: Later,
          imports: [registry],
          providers: [
            // As cluster-info is published before the apiserver's informers exist.
            {
              provide: earlyWrite,
              useFactory: (stores: ResourceStores) => createConfigMap(stores, 'early'),
              inject: [ResourceStores],
            },
            { provide: NAMESPACE_GETTER, useFactory: () => getNamespace, inject: [earlyWrite] },
          ],
        },
      ],
    }).compile();
    try {
      expect(getNamespace).not.toHaveBeenCalled();
      await createConfigMap(plane.get(ResourceStores), 'late');
      expect(getNamespace).toHaveBeenCalledWith(undefined, 'default');
    } finally {
      await plane.close();
    }
  });
});
