// The registry layer as providers: the served kinds, the admission chain, every kind's generic
// store and watch cache (started, with the system namespaces in place, before anything uses them),
// and the request handler. The caches stop after every module that imports this one.
import { DynamicModule, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { applyFieldValidation } from '@kubenest/api/openapi';
import {
  CertificateSubjectRestriction,
  CsrRequester,
  DefaultTolerationSeconds,
  DefaultTolerationSecondsOptions,
  NamespaceLifecycle,
  NodeRestriction,
  Priority,
} from '@kubenest/auth';
import { StatusError } from '@kubenest/apimachinery';
import { ObjectGetter } from '@kubenest/controllers';
import { AdmissionChain, ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import type { Store } from '@kubenest/storage';
import { lifecycle } from './lifecycle';
import { priorityClassReader } from './priority-class-reader';
import { STORE } from './store.token';
import { ensureSystemNamespaces } from './system-namespaces';

/**
 * The token of the getter NamespaceLifecycle reads namespaces with (an informer's lister, as kube's
 * admission reads them); without one, namespaces are read live from the store.
 */
export const NAMESPACE_GETTER = Symbol('namespaceGetter');

const liveGetter =
  (stores: ResourceStores): ObjectGetter =>
  async (namespace, name) => {
    try {
      return await stores.byKind('', 'Namespace')!.store.get(namespace, name);
    } catch (e) {
      if (StatusError.is(e) && e.code === 404) return undefined;
      throw e;
    }
  };

/** The admission plugins' settings, as kube-apiserver's flags give them. */
export interface AdmissionOptions {
  defaultTolerationSeconds?: DefaultTolerationSecondsOptions;
}

const admissionChain = (moduleRef: ModuleRef, options: AdmissionOptions): AdmissionChain => {
  // The stores are built with this chain and the getter's informer reads through them, so the
  // getter is looked up when admission runs, until it exists: start-up writes (cluster-info) are
  // admitted before it is built, and read namespaces live meanwhile.
  let getNamespace: ObjectGetter | undefined;
  const namespace = (name: string) => {
    getNamespace ??= lookUp(moduleRef);
    const get = getNamespace ?? liveGetter(moduleRef.get(ResourceStores, { strict: false }));
    return get(undefined, name);
  };
  return new AdmissionChain([
    new NamespaceLifecycle(namespace),
    new Priority(priorityClassReader(moduleRef)),
    new CsrRequester(),
    new NodeRestriction(),
    new DefaultTolerationSeconds(options.defaultTolerationSeconds),
    new CertificateSubjectRestriction(),
  ]);
};

const lookUp = (moduleRef: ModuleRef): ObjectGetter | undefined => {
  try {
    return moduleRef.get<ObjectGetter>(NAMESPACE_GETTER, { strict: false });
  } catch {
    return undefined;
  }
};

const startedStores = async (registry: ResourceRegistry, store: Store, admission: AdmissionChain) => {
  const stores = new ResourceStores(registry, store, admission);
  await stores.start();
  await ensureSystemNamespaces(stores);
  return stores;
};

@Module({})
export class RegistryModule {
  /** `storage` is the StorageModule the stores are built on; `admission` the admission plugins' settings. */
  static forRoot(storage: DynamicModule, admission: AdmissionOptions = {}): DynamicModule {
    return {
      module: RegistryModule,
      imports: [storage],
      providers: [
        { provide: ResourceRegistry, useFactory: () => new ResourceRegistry(builtinStrategies) },
        {
          provide: AdmissionChain,
          useFactory: (moduleRef: ModuleRef) => admissionChain(moduleRef, admission),
          inject: [ModuleRef],
        },
        { provide: ResourceStores, useFactory: startedStores, inject: [ResourceRegistry, STORE, AdmissionChain] },
        { provide: ResourceHandler, useFactory: () => new ResourceHandler(applyFieldValidation) },
        lifecycle('watch caches', [ResourceStores], (stores: ResourceStores) => ({ stop: () => stores.stop() })),
      ],
      exports: [ResourceRegistry, AdmissionChain, ResourceStores, ResourceHandler],
    };
  }
}
