// The assembled loops on the registry (a fake store): the LoopManager wins the Lease, the namespace
// loop empties and finalizes a namespace being deleted, and the certificate loop signs an approved
// request, each writing as its own identity through in-process clients.
import { Logger } from '@nestjs/common';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { CertificateSigningRequest, KUBE_APISERVER_CLIENT_SIGNER } from '@kubenest/api/certificates';
import { makeCsr, makeRequestPem } from '@kubenest/api/certificates/csr/testing/make-csr';
import type { Lease } from '@kubenest/api/coordination/lease/lease.strategy';
import { clusterAuthorizer, NodeGraph } from '@kubenest/auth';
import { applyFieldValidation } from '@kubenest/api/openapi';
import { clientFor, ensureSystemNamespaces } from '@kubenest/control-plane';
import { DEFAULT_EVICTION_SETTINGS, LoopManager } from '@kubenest/controllers';
import { createCertificateAuthority } from '@kubenest/pki';
import { AdmissionChain, ResourceHandler, ResourceRegistry, ResourceStores } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { waitFor } from '@kubenest/testing/wait';
import { ControllerManager, controllerManager } from './controller-manager';

const APISERVER = { name: 'system:apiserver', groups: ['system:masters'] };

describe('the controller manager', () => {
  let stores: ResourceStores;
  let manager: ControllerManager;
  let loops: LoopManager;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    stores = new ResourceStores(new ResourceRegistry(builtinStrategies), new FakeStore(), new AdmissionChain());
    await stores.start();
    await ensureSystemNamespaces(stores);
    const nodeGraph = new NodeGraph();
    const clients = clientFor({
      registry: stores.registry,
      stores,
      handler: new ResourceHandler(applyFieldValidation),
      authorizer: clusterAuthorizer(nodeGraph),
    });
    loops = new LoopManager([], { clientFor: clients });
    manager = controllerManager({
      stores,
      clients,
      loops,
      nodeGraph,
      ca: await createCertificateAuthority('test'),
      nodeMonitorGracePeriodSeconds: 40,
      eviction: DEFAULT_EVICTION_SETTINGS,
      apiserverUser: APISERVER,
    });
    manager.start();
    loops.start();
  });

  afterAll(async () => {
    await loops.stop();
    await manager.stop();
    stores.stop();
  });

  const entry = (kind: string, group = '') => stores.byKind(group, kind)!.store;

  it('holds kube-controller-manager’s Lease and runs the loops', async () => {
    await waitFor('the loops running', () => loops.running().length === 13 || undefined, 10_000, 20);
    const lease = (await entry('Lease', 'coordination.k8s.io').get('kube-system', 'kube-controller-manager')) as Lease;
    expect(lease.spec?.holderIdentity).toBe(loops.holderIdentity);
    expect(loops.running().sort()).toEqual([
      'certificate',
      'deployment',
      'endpoint',
      'endpointslice',
      'garbagecollector',
      'namespace',
      'node-lifecycle-controller',
      'podgc',
      'replicaset',
      'replicationcontroller',
      'root-ca-cert-publisher',
      'serviceaccount',
      'taint-eviction-controller',
    ]);
  });

  it('reads namespaces for admission through its informer, or live before it holds them', async () => {
    expect(await manager.getNamespace(undefined, 'kube-system')).toMatchObject({ metadata: { name: 'kube-system' } });
    expect(await manager.getNamespace(undefined, 'absent')).toBeUndefined();
  });

  it('empties a namespace being deleted, then finalizes it', async () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } };
    await entry('Namespace').create(undefined, ns);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'gone' }, data: {} };
    await entry('ConfigMap').create('gone', cm);
    await entry('Namespace').delete(undefined, 'gone', {});
    await waitFor(
      'the namespace gone',
      () =>
        entry('Namespace')
          .get(undefined, 'gone')
          .then(
            () => undefined,
            () => true,
          ),
      15_000,
      50,
    );
    await expect(entry('ConfigMap').get('gone', 'c')).rejects.toMatchObject({ code: 404 });
  }, 20_000);

  it('signs an approved client certificate request', async () => {
    const csr = makeCsr(await makeRequestPem('CN=alice, O=dev'), { signerName: KUBE_APISERVER_CLIENT_SIGNER }, 'alice');
    csr.status = {
      conditions: [
        {
          type: 'Approved',
          status: 'True',
          reason: 'ByTest',
          message: '',
          lastUpdateTime: new Date().toISOString() as never,
        },
      ],
    };
    const csrs = entry('CertificateSigningRequest', 'certificates.k8s.io');
    await csrs.create(undefined, { ...csr, status: undefined });
    await csrs.update(
      undefined,
      'alice',
      (current) => ({ ...current!, status: csr.status }) as CertificateSigningRequest,
      { subresource: 'approval' },
    );
    const issued = await waitFor(
      'the certificate issued',
      async () => ((await csrs.get(undefined, 'alice')) as CertificateSigningRequest).status?.certificate,
      10_000,
      50,
    );
    expect(issued).toBeTruthy();
  });
});
