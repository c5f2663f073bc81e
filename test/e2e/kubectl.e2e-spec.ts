// The real kubectl (1.33, and 1.27 for the oldest supported client) against a server started
// as `npm start` starts it: the everyday commands, end to end.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { waitFor } from '@kubenest/testing/wait';

const deployment = (name: string, containers: { name: string; image: string }[]) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { app: ${name} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
${containers.map((c) => `        - name: ${c.name}\n          image: ${c.image}`).join('\n')}
`;

const pod = (name: string, labels: Record<string, string> = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });

let server: KubenestServer;
const work = mkdtempSync(join(tmpdir(), 'kubectl-e2e-'));
const file = (name: string, content: string): string => {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  server = await startKubenest();
});

afterAll(async () => {
  await server?.stop();
});

describe.each([33, 27])('kubectl 1.%i', (minor) => {
  let kubectl: Kubectl;
  const ns = `e2e-${minor}`;
  const k = (args: string[], input?: string) => kubectl.ok(['-n', ns, ...args], { input });

  beforeAll(async () => {
    kubectl = new Kubectl(server.kubeconfig, minor);
    await kubectl.ok(['create', 'namespace', ns]);
  });

  it('applies a deployment, then configures it with a changed container list', async () => {
    // Its own namespace: the deployment's pods (made by the loops) stay out of the pod lists below.
    const deployNs = `${ns}-deploy`;
    await kubectl.ok(['create', 'namespace', deployNs]);
    const k = (args: string[]) => kubectl.ok(['-n', deployNs, ...args]);
    const first = file(`deploy-${minor}-1.yaml`, deployment('web', [{ name: 'nginx', image: 'nginx:1.25' }]));
    expect(await k(['apply', '-f', first])).toContain('deployment.apps/web created');
    const second = file(
      `deploy-${minor}-2.yaml`,
      deployment('web', [
        { name: 'nginx', image: 'nginx:1.27' },
        { name: 'sidecar', image: 'busybox:1.36' },
      ]),
    );
    expect(await k(['apply', '-f', second])).toContain('deployment.apps/web configured');
    const live = JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json']));
    expect(
      live.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
    ).toEqual(['nginx=nginx:1.27', 'sidecar=busybox:1.36']);
    expect(live.metadata.generation).toBe(2);
    const third = file(`deploy-${minor}-3.yaml`, deployment('web', [{ name: 'sidecar', image: 'busybox:1.37' }]));
    await k(['apply', '-f', third]);
    const after = JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json']));
    expect(after.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['sidecar']);
    expect(await k(['get', 'deployments'])).toMatch(
      /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s*\nweb\s+0\/2\s+\d\s+0\s+/,
    );
  });

  it('creates from a file and gets in every output form', async () => {
    await k(['create', '-f', file(`pod-a-${minor}.json`, pod('pod-a', { tier: 'web' }))]);
    await k(['create', '-f', file(`pod-b-${minor}.json`, pod('pod-b', { tier: 'db' }))]);
    expect(await k(['get', 'pods'])).toMatch(
      /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s*\npod-a\s+0\/1\s+Pending\s+0\s+/,
    );
    expect(await k(['get', 'pods', '-o', 'wide'])).toMatch(
      /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/,
    );
    const yaml = await k(['get', 'pod', 'pod-a', '-o', 'yaml']);
    expect(yaml).toContain('name: pod-a');
    expect(yaml).toContain('phase: Pending');
    expect(yaml).toMatch(/resourceVersion: "\d+"/);
    expect(await kubectl.ok(['get', 'pods', '-A'])).toMatch(new RegExp(`NAMESPACE\\s+NAME[\\s\\S]*${ns}\\s+pod-a`));
    const byLabel = await k(['get', 'pods', '-l', 'tier=web', '-o', 'name']);
    expect(byLabel.trim()).toBe('pod/pod-a');
    const notIn = await k(['get', 'pods', '-l', 'tier notin (web)', '-o', 'name']);
    expect(notIn.trim()).toBe('pod/pod-b');
    const byField = await k(['get', 'pods', '--field-selector', 'metadata.name=pod-b', '-o', 'name']);
    expect(byField.trim()).toBe('pod/pod-b');
    expect(await k(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name'])).toContain('pod/pod-a');
    expect(await k(['get', 'pod', 'pod-a', '--show-labels'])).toMatch(/LABELS\s*\npod-a\s+.*tier=web/);
  });

  it('pages a list with limit and continue', async () => {
    const out = await k(['get', 'pods', '--chunk-size=1', '-o', 'name']);
    expect(out.trim().split('\n')).toEqual(['pod/pod-a', 'pod/pod-b']);
  });

  it('sees a change made meanwhile with get -w', async () => {
    const watch = kubectl.start(['-n', ns, 'get', 'pods', '-w', '-o', 'name']);
    try {
      await waitFor('the initial list', async () => watch.output().includes('pod/pod-a'));
      await k(['label', 'pod', 'pod-a', 'watched=yes']);
      await waitFor('the change', async () => watch.output().split('pod/pod-a').length > 2);
    } finally {
      watch.stop();
    }
  });

  it('labels, annotates and patches with all three patch types', async () => {
    await k(['label', 'pod', 'pod-b', 'color=blue']);
    await k(['annotate', 'pod', 'pod-b', 'note=hello']);
    await k(['patch', 'pod', 'pod-b', '--type=merge', '-p', '{"metadata":{"labels":{"merge":"yes"}}}']);
    await k([
      'patch',
      'pod',
      'pod-b',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/metadata/labels/json","value":"yes"}]',
    ]);
    await k([
      'patch',
      'pod',
      'pod-b',
      '--type=strategic',
      '-p',
      '{"spec":{"containers":[{"name":"main","image":"busybox:1.37"}]}}',
    ]);
    const live = JSON.parse(await k(['get', 'pod', 'pod-b', '-o', 'json']));
    expect(live.metadata.labels).toMatchObject({ color: 'blue', merge: 'yes', json: 'yes', tier: 'db' });
    expect(live.metadata.annotations).toMatchObject({ note: 'hello' });
    expect(live.spec.containers).toHaveLength(1);
    expect(live.spec.containers[0]).toMatchObject({ name: 'main', image: 'busybox:1.37', command: ['sleep', '3600'] });
  });

  it('edits through KUBE_EDITOR', async () => {
    const editor = file(`editor-${minor}.sh`, '#!/bin/sh\nsed -i "s/note: hello/note: edited/" "$1"\n');
    chmodSync(editor, 0o755);
    await kubectl.ok(['-n', ns, 'edit', 'pod', 'pod-b'], { env: { KUBE_EDITOR: editor, EDITOR: editor } });
    const live = JSON.parse(await k(['get', 'pod', 'pod-b', '-o', 'json']));
    expect(live.metadata.annotations.note).toBe('edited');
  });

  it('describes a pod', async () => {
    const out = await k(['describe', 'pod', 'pod-a']);
    expect(out).toMatch(/Name:\s+pod-a/);
    expect(out).toMatch(new RegExp(`Namespace:\\s+${ns}`));
    expect(out).toMatch(/Containers:\s*\n\s+main:/);
  });

  it('dry-runs an apply on the server without writing', async () => {
    const manifest = file(`dry-${minor}.json`, pod('dry'));
    expect(await k(['apply', '--dry-run=server', '-f', manifest])).toContain('pod/dry created (server dry run)');
    const got = await kubectl.run(['-n', ns, 'get', 'pod', 'dry']);
    expect(got.code).not.toBe(0);
    expect(got.stderr).toContain('pods "dry" not found');
  });

  it('refuses invalid objects with a 422 naming each field', async () => {
    const bad = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'Bad_Name' },
      spec: { containers: [{ name: 'c' }] },
    });
    const result = await kubectl.run(['-n', ns, 'create', '-f', file(`bad-${minor}.json`, bad)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Pod "Bad_Name" is invalid');
    expect(result.stderr).toContain('metadata.name: Invalid value: "Bad_Name"');
    expect(result.stderr).toContain('spec.containers[0].image: Required value');
  });

  it('deletes and waits until the object is gone', async () => {
    expect(await k(['delete', 'pod', 'pod-a'])).toContain('pod "pod-a" deleted');
    const got = await kubectl.run(['-n', ns, 'get', 'pod', 'pod-a']);
    expect(got.stderr).toContain('pods "pod-a" not found');
  });
});

describe('kubectl 1.33 only', () => {
  let kubectl: Kubectl;
  const ns = 'e2e-protobuf';

  beforeAll(async () => {
    kubectl = new Kubectl(server.kubeconfig, 33);
  });

  it('runs the imperative create commands that send protobuf', async () => {
    await kubectl.ok(['create', 'namespace', ns]);
    const k = (args: string[]) => kubectl.ok(['-n', ns, ...args]);
    await k(['create', 'configmap', 'cm', '--from-literal=a=1', '--from-literal=b=2']);
    await k(['create', 'secret', 'generic', 'sec', '--from-literal=password=s3cret']);
    await k(['create', 'deployment', 'dep', '--image=nginx:1.27', '--replicas=3', '--port=80']);
    await k(['create', 'service', 'clusterip', 'svc', '--tcp=80:8080']);
    await k(['create', 'serviceaccount', 'robot']);
    const cm = JSON.parse(await k(['get', 'configmap', 'cm', '-o', 'json']));
    expect(cm.data).toEqual({ a: '1', b: '2' });
    const secret = JSON.parse(await k(['get', 'secret', 'sec', '-o', 'json']));
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe('s3cret');
    expect(secret.type).toBe('Opaque');
    const dep = JSON.parse(await k(['get', 'deployment', 'dep', '-o', 'json']));
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0]).toMatchObject({
      image: 'nginx:1.27',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
    const svc = JSON.parse(await k(['get', 'service', 'svc', '-o', 'json']));
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: 'TCP' });
    expect(svc.spec.clusterIP).toMatch(/^10\./);
    expect(await k(['get', 'serviceaccounts', '-o', 'name'])).toContain('serviceaccount/robot');
    expect(await k(['get', 'configmaps'])).toMatch(/NAME\s+DATA\s+AGE\s*\ncm\s+2\s+/);
  });

  it('scales a deployment through the scale subresource', async () => {
    await kubectl.ok(['-n', ns, 'scale', 'deployment/dep', '--replicas=5']);
    const dep = JSON.parse(await kubectl.ok(['-n', ns, 'get', 'deployment', 'dep', '-o', 'json']));
    expect(dep.spec.replicas).toBe(5);
  });

  it('rejects an unknown field under strict validation', async () => {
    const bad = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'strict' },
      data: { a: 'b' },
      bogus: true,
    });
    const result = await kubectl.run(['-n', ns, 'create', '-f', file('strict.json', bad)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unknown field "bogus"');
  });

  it('marks a deleted namespace Terminating and refuses new content in it', async () => {
    await kubectl.ok(['create', 'namespace', 'doomed']);
    await kubectl.ok(['delete', 'namespace', 'doomed', '--wait=false']);
    const status = JSON.parse(await kubectl.ok(['get', 'namespace', 'doomed', '-o', 'json']));
    expect(status.status.phase).toBe('Terminating');
    expect(status.metadata.deletionTimestamp).toBeDefined();
    const refused = await kubectl.run(['-n', 'doomed', 'create', 'configmap', 'late', '--from-literal=a=b']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('because it is being terminated');
    const missing = await kubectl.run(['-n', 'nowhere', 'create', 'configmap', 'x', '--from-literal=a=b']);
    expect(missing.stderr).toContain('namespaces "nowhere" not found');
  });

  it('lists api-resources and explains fields', async () => {
    const resources = await kubectl.ok(['api-resources']);
    expect(resources).toMatch(/pods\s+po\s+v1\s+true\s+Pod/);
    expect(resources).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(resources).toMatch(/leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease/);
    const explain = await kubectl.ok(['explain', 'pod.spec.containers']);
    expect(explain).toContain('KIND:');
    expect(explain).toContain('Pod');
    expect(explain).toMatch(/FIELD:\s+containers/);
  });

  it('lists the system namespaces', async () => {
    const out = await kubectl.ok(['get', 'namespaces', '-o', 'name']);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
      expect(out).toContain(`namespace/${ns}`);
  });
});
