// The apiserver's control plane below HTTP, assembled from providers: the database and store, the
// compactor, the registry with its caches and admission, the credentials, the node graph, the
// loops and the scheduler. Nest builds them in dependency order and, at shutdown, stops each
// module after those that import it: loops, the scheduler and the compactor, then caches, then the
// store, then the embedded PostgreSQL.
import { DynamicModule, Module } from '@nestjs/common';
import { NodeGraph } from '@kubenest/auth';
import { ControllerSelection } from '@kubenest/controllers';
import { ControllersModule, RegistryModule, SchedulerModule, StorageModule } from '@kubenest/control-plane';
import { PostgresStore } from '@kubenest/storage';
import { ApiserverConfig } from '../config';
import { BuiltinLoopsModule } from './builtin-loops.module';
import { CompactionModule } from './compaction.module';
import { CredentialsModule } from './credentials.module';
import { Database, DatabaseModule } from './database.module';
import { loadSchedulerConfiguration } from './scheduler-configuration';

@Module({})
export class ControlPlaneModule {
  static forRoot(config: ApiserverConfig): DynamicModule {
    const schedulerConfiguration = loadSchedulerConfiguration(config.schedulerConfig);
    const database = DatabaseModule.forRoot(config);
    const storage = StorageModule.forRoot({
      imports: [database],
      inject: [Database],
      useFactory: (db: Database) => PostgresStore.open({ url: db.url }),
    });
    const registry = RegistryModule.forRoot(storage, {
      defaultTolerationSeconds: {
        notReadySeconds: config.defaultNotReadyTolerationSeconds,
        unreachableSeconds: config.defaultUnreachableTolerationSeconds,
      },
    });
    // The built-in loops need the process's informers and CA, so they join the LoopManager with
    // LoopManager.add (BuiltinLoopsModule) rather than as values here.
    const controllers = ControllersModule.forRoot({
      registry,
      nodeGraph: new NodeGraph(),
      manager: { controllers: ControllerSelection.parse(config.controllers) },
    });
    const credentials = CredentialsModule.forRoot(config, controllers);
    return {
      module: ControlPlaneModule,
      // Only the top of each chain: Nest orders hooks by a module's depth in the import tree, so
      // each module imports what it stands on and the root stands on the topmost alone.
      imports: [
        BuiltinLoopsModule.forRoot(config, controllers, credentials),
        CompactionModule.forRoot(config, storage),
        SchedulerModule.forRoot({ controllers, configuration: schedulerConfiguration }),
      ],
    };
  }
}
