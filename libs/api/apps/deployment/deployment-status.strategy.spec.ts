// deployments/status as kube's deploymentStatusStrategy: the status and the annotations change
// (the deployment controller writes its revision annotation with the status), spec and labels do not.
import { prepareObjectUpdate } from '@kubenest/registry';
import { Deployment } from '../types';
import { deploymentStrategy } from './deployment.strategy';

const stored = (): Deployment => ({
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { team: 'a' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: {} },
  status: { replicas: 1 },
});

describe('deployments/status', () => {
  it('takes the status and the annotations, and keeps spec and labels', () => {
    const sent = stored();
    sent.metadata.annotations = { team: 'a', 'deployment.kubernetes.io/revision': '2' };
    sent.metadata.labels = { app: 'forged' };
    sent.spec!.replicas = 99;
    sent.status = { replicas: 3, observedGeneration: 2 };
    prepareObjectUpdate(deploymentStrategy, sent, stored(), 'status');
    expect(sent.metadata.annotations).toEqual({ team: 'a', 'deployment.kubernetes.io/revision': '2' });
    expect(sent.metadata.labels).toEqual({ app: 'web' });
    expect(sent.spec?.replicas).toBe(3);
    expect(sent.status).toEqual({ replicas: 3, observedGeneration: 2 });
  });
});
