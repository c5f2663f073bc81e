// Runs the control loops declared with the kit (libs/controllers/loop): one LoopManager runs them
// under leader election once the application has started, and stops them before the caches and
// the store stop. A loop given as a value joins through `loops` (the LOOPS provider); one built
// from other providers joins with LoopManager.add before the application starts.
import { DynamicModule, Module } from '@nestjs/common';
import { NodeGraph, AuthorizationModule } from '@kubenest/auth';
import { Loop, LoopManager, LoopManagerOptions } from '@kubenest/controllers';
import { CLIENT_FOR, ClientFor, clientForProvider } from './in-process-clients';
import { lifecycle } from './lifecycle';

/** The token of the loops given as values (the `loops` option). */
const LOOPS = Symbol('loops');

/** The token of the LoopManager's options besides clientFor (election timings, holder identity). */
const LOOP_MANAGER_OPTIONS = Symbol('loopManagerOptions');

export interface ControllersModuleOptions {
  /** The RegistryModule the clients serve from. */
  registry: DynamicModule;
  /** The Node authorizer's graph of pods bound to nodes. */
  nodeGraph: NodeGraph;
  /** Loops given as values; none when absent. */
  loops?: Loop[];
  manager?: Omit<LoopManagerOptions, 'clientFor'>;
}

@Module({})
export class ControllersModule {
  static forRoot({ registry, nodeGraph, loops = [], manager = {} }: ControllersModuleOptions): DynamicModule {
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
        lifecycle('loop manager', [LoopManager], (manager: LoopManager) => manager),
      ],
      exports: [registry, NodeGraph, CLIENT_FOR, LoopManager],
    };
  }
}
