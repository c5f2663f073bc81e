// The registry layer as providers: the served kinds, the admission chain, every kind's generic
// store and watch cache (started, with the system namespaces in place, before anything uses them),
// and the request handler. The caches stop after every module that imports this one.
import { DynamicModule, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { CertificateSubjectRestriction, CsrRequester, NamespaceLifecycle, NodeRestriction } from '@kubenest/auth';
import { cachedGetter, ObjectGetter } from '@kubenest/controllers';
import { AdmissionChain, ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import type { Store } from '@kubenest/storage';
import { STORE } from './store.token';
import { ensureSystemNamespaces } from './system-namespaces';

const admissionChain = (moduleRef: ModuleRef): AdmissionChain => {
  // As kube's NamespaceLifecycle: the informer's copy first, a live read only when it has none yet.
  // The stores are built with this chain, so they are looked up on first use.
  let getNamespace: ObjectGetter | undefined;
  const namespace = (name: string) => {
    getNamespace ??= cachedGetter(moduleRef.get(ResourceStores, { strict: false }).byKind('', 'Namespace')!);
    return getNamespace(undefined, name);
  };
  return new AdmissionChain([
    new NamespaceLifecycle(namespace),
    new CsrRequester(),
    new NodeRestriction(),
    new CertificateSubjectRestriction(),
  ]);
};

const startedStores = async (registry: ResourceRegistry, store: Store, admission: AdmissionChain) => {
  const stores = new ResourceStores(registry, store, admission);
  await stores.start();
  await ensureSystemNamespaces(stores);
  return stores;
};

@Injectable()
class WatchCachesStopper implements OnApplicationShutdown {
  constructor(private readonly stores: ResourceStores) {}

  onApplicationShutdown(): void {
    this.stores.stop();
  }
}

@Module({})
export class RegistryModule {
  /** `storage` is the StorageModule the stores are built on. */
  static forRoot(storage: DynamicModule): DynamicModule {
    return {
      module: RegistryModule,
      imports: [storage],
      providers: [
        { provide: ResourceRegistry, useFactory: () => new ResourceRegistry(builtinStrategies) },
        { provide: AdmissionChain, useFactory: admissionChain, inject: [ModuleRef] },
        { provide: ResourceStores, useFactory: startedStores, inject: [ResourceRegistry, STORE, AdmissionChain] },
        { provide: ResourceHandler, useFactory: () => new ResourceHandler(applyFieldValidation) },
        WatchCachesStopper,
      ],
      exports: [ResourceRegistry, AdmissionChain, ResourceStores, ResourceHandler],
    };
  }
}
