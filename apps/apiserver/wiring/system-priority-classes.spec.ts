// The apiserver's control plane creates the system PriorityClasses at start, and its Priority
// admission reads classes through the apiserver's informer once it runs.
import { Logger } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import type { Pod } from '@kubenest/api/core/types';
import type { PriorityClass } from '@kubenest/api/scheduling';
import type { PriorityClassReader } from '@kubenest/auth';
import { CLIENT_FOR, ClientFor, PRIORITY_CLASS_READER, STORE } from '@kubenest/control-plane';
import { resources } from '@kubenest/client';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { ApiserverConfig } from '../config';
import type { ControllerManager } from '../controller-manager';
import { CONTROLLER_MANAGER } from './builtin-loops.module';
import { ControlPlaneModule } from './control-plane.module';
import { ClusterCredentials } from './credentials.module';
import { Database } from './database.module';

describe('the apiserver’s PriorityClasses', () => {
  let plane: TestingModule;

  beforeEach(async () => {
    Logger.overrideLogger(false);
    const database = {
      url: 'postgres://unused',
      description: 'test',
      livenessChecks: [],
      onApplicationShutdown: () => {},
    };
    const credentials = { pki: { ca: { certPem: 'ca' } }, adminToken: 't', server: 'https://127.0.0.1:6443' };
    plane = await Test.createTestingModule({ imports: [ControlPlaneModule.forRoot(new ApiserverConfig())] })
      .overrideProvider(Database)
      .useValue(database)
      .overrideProvider(STORE)
      .useValue(new FakeStore())
      .overrideProvider(ClusterCredentials)
      .useValue(credentials)
      .compile();
    await plane.init();
  });
  afterEach(() => plane.close());

  it('creates the two system classes at start', async () => {
    const admin = plane.get<ClientFor>(CLIENT_FOR)({ name: 'admin', groups: ['system:masters'] });
    const list = await admin.resource<PriorityClass>(resources.priorityClasses).list(undefined);
    expect(list.items.map((pc) => [pc.metadata.name, pc.value])).toEqual([
      ['system-cluster-critical', 2_000_000_000],
      ['system-node-critical', 2_000_001_000],
    ]);
  });

  it('admits pods with the controller manager’s reader', async () => {
    const reader = plane.get<PriorityClassReader>(PRIORITY_CLASS_READER, { strict: false });
    expect(reader).toBe(plane.get<ControllerManager>(CONTROLLER_MANAGER, { strict: false }).priorityClasses);
    const get = jest.spyOn(reader, 'get');
    const admin = plane.get<ClientFor>(CLIENT_FOR)({ name: 'admin', groups: ['system:masters'] });
    const pod = await admin.resource<Pod>(resources.pods).create({
      metadata: { name: 'p', namespace: 'kube-system' },
      spec: { priorityClassName: 'system-node-critical', containers: [{ name: 'c', image: 'busybox' }] },
    });
    expect(pod.spec!.priority).toBe(2_000_001_000);
    expect(get).toHaveBeenCalledWith('system-node-critical');
  });
});
