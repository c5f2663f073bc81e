// Something started and stopped by hand (a loop manager, the watch caches, the store, the
// compactor) as a provider: Nest starts it once the application has started and stops it at
// shutdown in its module's turn, so modules stop after those that import them.
import { FactoryProvider, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export interface Hooks {
  /** Called once the application has started; leave it out for what is running already. */
  start?(): void;
  stop(): void | Promise<void>;
}

export class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    /** What runs, as Nest's errors name its provider. */
    readonly name: string,
    readonly hooks: Hooks,
  ) {}

  onApplicationBootstrap(): void {
    this.hooks.start?.();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.hooks.stop();
  }
}

/** A provider running the hooks `useFactory` makes of the injected values. */
export const lifecycle = (
  name: string,
  inject: NonNullable<FactoryProvider['inject']>,
  useFactory: (...deps: any[]) => Hooks,
): FactoryProvider<Lifecycle> => ({
  provide: Symbol(name),
  useFactory: (...deps: unknown[]) => new Lifecycle(name, useFactory(...deps)),
  inject,
});
