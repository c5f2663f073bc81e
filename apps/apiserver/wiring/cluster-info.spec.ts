// cluster-info is written through the apiserver's own client: created on first start, its
// kubeconfig brought up to date on the next (other keys kept), and refused to an identity without grants.
import { Logger } from '@nestjs/common';
import { CLUSTER_INFO_NAME, CLUSTER_INFO_NAMESPACE, clusterInfoKubeconfig } from '@kubenest/auth';
import { KubeObject } from '@kubenest/apimachinery';
import { resources } from '@kubenest/client';
import { startTestControlPlane, TestControlPlane } from '@kubenest/testing/test-control-plane';
import { publishClusterInfo } from './cluster-info';
import { APISERVER_USER } from './credentials.module';

type ConfigMap = KubeObject & { data?: Record<string, string> };

describe('publishClusterInfo', () => {
  let plane: TestControlPlane;
  const read = () =>
    plane.admin.resource<ConfigMap>(resources.configMaps).get(CLUSTER_INFO_NAMESPACE, CLUSTER_INFO_NAME);

  beforeEach(async () => {
    Logger.overrideLogger(false);
    plane = await startTestControlPlane();
  });
  afterEach(() => plane.stop());

  it('creates cluster-info, then updates its kubeconfig and keeps the other keys', async () => {
    const apiserver = plane.clientFor(APISERVER_USER);
    await publishClusterInfo(apiserver, 'https://127.0.0.1:6443', 'ca-1');
    expect((await read()).data).toEqual({ kubeconfig: clusterInfoKubeconfig('https://127.0.0.1:6443', 'ca-1') });

    const current = await read();
    await plane.admin
      .resource<ConfigMap>(resources.configMaps)
      .update({ ...current, data: { ...current.data, extra: 'kept' } });
    await publishClusterInfo(apiserver, 'https://10.0.0.1:6443', 'ca-2');
    expect((await read()).data).toEqual({
      kubeconfig: clusterInfoKubeconfig('https://10.0.0.1:6443', 'ca-2'),
      extra: 'kept',
    });
  });

  it('is refused to an identity without grants on kube-public', async () => {
    await expect(publishClusterInfo(plane.clientFor('someone'), 'https://127.0.0.1:6443', 'ca')).rejects.toMatchObject({
      code: 403,
    });
  });
});
