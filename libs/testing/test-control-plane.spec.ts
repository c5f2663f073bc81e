// The harness on a FakeStore: the apiserver's registry and controllers modules, a kit loop under
// its Lease, in-process clients through authorization and admission.
import { resources } from '@kubenest/client';
import { startTestControlPlane, TestControlPlane } from './test-control-plane';
import { deniedWritesChangeNothing, namespaceDeletionCompletes } from './harness-cases/plane-cases';
import { namespaceFinalizerGrants, namespaceFinalizerLoop } from './harness-cases/namespace-finalizer.loop';

describe('startTestControlPlane on a FakeStore', () => {
  let plane: TestControlPlane;

  beforeAll(async () => {
    plane = await startTestControlPlane({ loops: [namespaceFinalizerLoop], grants: namespaceFinalizerGrants });
  });
  afterAll(() => plane.stop());

  it('serves the system namespaces from the start', async () => {
    const namespaces = await plane.admin.resource(resources.namespaces).list(undefined);
    expect(namespaces.items.map((ns) => ns.metadata.name).sort()).toEqual(
      ['default', 'kube-node-lease', 'kube-public', 'kube-system'].sort(),
    );
  });

  it('runs the chosen loop under its Lease: a namespace deletion completes', async () => {
    await namespaceDeletionCompletes(plane);
    expect(plane.loops.running()).toEqual(['test-namespace-finalizer']);
    const lease = await plane.admin.resource(resources.leases).get('kube-system', 'kube-controller-manager');
    expect(lease.spec).toMatchObject({ holderIdentity: plane.loops.holderIdentity });
  });

  it("refuses a denied identity's writes with 403 and changes nothing", () => deniedWritesChangeNothing(plane));
});

describe('startTestControlPlane stopping', () => {
  it('stops its loops and closes the store', async () => {
    const plane = await startTestControlPlane({ loops: [namespaceFinalizerLoop], grants: namespaceFinalizerGrants });
    await namespaceDeletionCompletes(plane);
    await plane.stop();
    expect(plane.loops.running()).toEqual([]);
  });
});
