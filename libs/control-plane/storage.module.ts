// Provides the Store, opened however the caller says (PostgreSQL, a fake), and closes it once
// everything above it (caches, loops, HTTP) has stopped: modules importing this one stop first.
import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import type { Store } from '@kubenest/storage';
import { lifecycle } from './lifecycle';
import { STORE } from './store.token';

export interface StoreSource {
  /** Modules the factory's injected values come from (e.g. the database's). */
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  /** Opens the store; called once, before anything that uses it is built. */
  useFactory: (...args: any[]) => Store | Promise<Store>;
}

@Module({})
export class StorageModule {
  static forRoot(source: StoreSource): DynamicModule {
    return {
      module: StorageModule,
      imports: source.imports ?? [],
      providers: [
        { provide: STORE, useFactory: source.useFactory, inject: source.inject ?? [] },
        lifecycle('store', [STORE], (store: Store) => ({ stop: () => store.close() })),
      ],
      exports: [STORE],
    };
  }
}
