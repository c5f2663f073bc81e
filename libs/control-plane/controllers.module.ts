// Runs the control loops declared with the kit (libs/controllers/loop): the LOOPS provider lists
// them, one LoopManager runs them under leader election once the application has started, and
// stops them before the caches and the store stop. Adding a loop is adding it to LOOPS.
import { DynamicModule, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NodeGraph, AuthorizationModule } from '@kubenest/auth';
import { Loop, LoopManager, LoopManagerOptions } from '@kubenest/controllers';
import { CLIENT_FOR, ClientFor, clientForProvider } from './in-process-clients';

/** The token of the declared loops this process runs. */
export const LOOPS = Symbol('loops');

/** The token of the LoopManager's options besides clientFor (election timings, holder identity). */
export const LOOP_MANAGER_OPTIONS = Symbol('loopManagerOptions');

@Injectable()
class LoopManagerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly manager: LoopManager) {}

  onApplicationBootstrap(): void {
    this.manager.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.manager.stop();
  }
}

export interface ControllersModuleOptions {
  /** The RegistryModule the clients serve from. */
  registry: DynamicModule;
  /** The Node authorizer's graph of pods bound to nodes. */
  nodeGraph: NodeGraph;
  loops: Loop[];
  manager?: Omit<LoopManagerOptions, 'clientFor'>;
}

@Module({})
export class ControllersModule {
  static forRoot({ registry, nodeGraph, loops, manager = {} }: ControllersModuleOptions): DynamicModule {
    return {
      module: ControllersModule,
      imports: [registry, AuthorizationModule.forRoot(nodeGraph)],
      providers: [
        { provide: NodeGraph, useValue: nodeGraph },
        clientForProvider,
        { provide: LOOPS, useValue: loops },
        { provide: LOOP_MANAGER_OPTIONS, useValue: manager },
        {
          provide: LoopManager,
          useFactory: (declared: Loop[], clientFor: ClientFor, options: Omit<LoopManagerOptions, 'clientFor'>) =>
            new LoopManager(declared, { ...options, clientFor }),
          inject: [LOOPS, CLIENT_FOR, LOOP_MANAGER_OPTIONS],
        },
        LoopManagerLifecycle,
      ],
      exports: [registry, NodeGraph, CLIENT_FOR, LoopManager],
    };
  }
}
