// The apiserver's providers stop in the order the process-lifecycle tests rely on: loops (and the
// compactor) before the caches, the caches before the store, the store before the database.
import { Test } from '@nestjs/testing';
import { Lifecycle, STORE } from '@kubenest/control-plane';
import { LoopManager } from '@kubenest/controllers';
import { ResourceStores } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { ApiserverConfig } from '../config';
import { ControlPlaneModule } from './control-plane.module';
import { ClusterCredentials } from './credentials.module';
import { Database } from './database.module';

describe('ControlPlaneModule', () => {
  afterEach(() => jest.restoreAllMocks());

  it('stops the loops, then the caches, then the store, then the database', async () => {
    const stopped: string[] = [];
    const store = new FakeStore();
    const closeStore = store.close.bind(store);
    jest.spyOn(store, 'close').mockImplementation(() => {
      stopped.push('store');
      return closeStore();
    });
    const stopCaches = ResourceStores.prototype.stop;
    jest.spyOn(ResourceStores.prototype, 'stop').mockImplementation(function (this: ResourceStores) {
      stopped.push('caches');
      stopCaches.call(this);
    });
    const stopManager = LoopManager.prototype.stop;
    jest.spyOn(LoopManager.prototype, 'stop').mockImplementation(function (this: LoopManager) {
      stopped.push('loop manager');
      return stopManager.call(this);
    });
    const stopLifecycle = Lifecycle.prototype.onApplicationShutdown;
    jest.spyOn(Lifecycle.prototype, 'onApplicationShutdown').mockImplementation(function (this: Lifecycle) {
      if (this.name === 'compactor') stopped.push('hand-started');
      return stopLifecycle.call(this);
    });
    const database = {
      url: 'postgres://unused',
      description: 'test',
      livenessChecks: [],
      onApplicationShutdown: () => void stopped.push('database'),
    };
    const credentials = { pki: { ca: { certPem: 'ca' } }, adminToken: 't', server: 'https://127.0.0.1:6443' };

    const plane = await Test.createTestingModule({ imports: [ControlPlaneModule.forRoot(new ApiserverConfig())] })
      .overrideProvider(Database)
      .useValue(database)
      .overrideProvider(STORE)
      .useValue(store)
      .overrideProvider(ClusterCredentials)
      .useValue(credentials)
      .compile();
    await plane.init();
    await plane.close();

    // The compactor is the one started by hand.
    expect(stopped).toEqual(['hand-started', 'loop manager', 'caches', 'store', 'database']);
  });
});
