// Runs the scheduler in this process while it holds the Lease kube-system/kube-scheduler, as
// system:kube-scheduler through the in-process client: started once the application has started,
// stopped (Lease released) before the caches and the store.
import { DynamicModule, Module } from '@nestjs/common';
import { ElectedScheduler, ElectedSchedulerOptions, KubeSchedulerConfiguration } from '@kubenest/scheduler';
import { CLIENT_FOR, ClientFor } from './in-process-clients';
import { lifecycle } from './lifecycle';

export interface SchedulerModuleOptions extends Omit<ElectedSchedulerOptions, 'clientFor' | 'configuration'> {
  /** The ControllersModule that brings CLIENT_FOR. */
  controllers: DynamicModule;
  /** kube's default profile when unset. */
  configuration?: KubeSchedulerConfiguration;
}

@Module({})
export class SchedulerModule {
  static forRoot({ controllers, configuration, ...options }: SchedulerModuleOptions): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [controllers],
      providers: [
        {
          provide: ElectedScheduler,
          useFactory: (clientFor: ClientFor) => new ElectedScheduler({ ...options, clientFor, configuration }),
          inject: [CLIENT_FOR],
        },
        lifecycle('scheduler', [ElectedScheduler], (scheduler: ElectedScheduler) => scheduler),
      ],
      exports: [ElectedScheduler],
    };
  }
}
