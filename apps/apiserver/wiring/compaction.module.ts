// Compacts the store's history past the configured window, stopped before the store closes.
import { DynamicModule, Module } from '@nestjs/common';
import { lifecycle, STORE } from '@kubenest/control-plane';
import { startCompactor, Store } from '@kubenest/storage';
import { ApiserverConfig } from '../config';

@Module({})
export class CompactionModule {
  /** `storage` is the StorageModule whose store is compacted. */
  static forRoot(config: ApiserverConfig, storage: DynamicModule): DynamicModule {
    return {
      module: CompactionModule,
      imports: [storage],
      providers: [
        lifecycle('compactor', [STORE], (store: Store) =>
          startCompactor(store, { windowMs: config.compactionWindowSeconds * 1000 }),
        ),
      ],
    };
  }
}
