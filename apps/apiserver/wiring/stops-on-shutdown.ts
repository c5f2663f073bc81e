// Something started by hand (a loop, the compactor) as a provider that Nest stops at shutdown,
// in its module's turn.
import { OnApplicationShutdown } from '@nestjs/common';

export class StopsOnShutdown<T extends { stop(): void | Promise<void> }> implements OnApplicationShutdown {
  constructor(readonly running: T) {}

  async onApplicationShutdown(): Promise<void> {
    await this.running.stop();
  }
}
