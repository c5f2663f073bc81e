// A kind added to the running server's registry and removed again, as CRDs will do: the control
// plane runs in this process (its registry is the test's hook; no debug endpoint exists), real
// kubectl finds the kind through discovery, creates, gets and watches it, OpenAPI lists its
// group/version, and after removal the kind is gone from discovery, its watch ends and its
// URLs answer 404.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import type { Strategy } from '@kubenest/registry';
import { Kubectl } from '@kubenest/testing/kubectl';
import { freePort, startTestPostgres, TestPostgres } from '@kubenest/testing/postgres';
import { waitFor } from '@kubenest/testing/wait';
import { loadConfig } from '../../apps/apiserver/config';
import { ControlPlane, startControlPlane } from '../../apps/apiserver/control-plane';

const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', shortNames: ['wd'] },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
};

const widgetYaml = `apiVersion: example.com/v1
kind: Widget
metadata:
  name: one
  namespace: default
spec:
  size: 3
`;

describe('kinds added and removed at run time', () => {
  let postgres: TestPostgres;
  let dataDir: string;
  let plane: ControlPlane;
  let kubectl: Kubectl;

  beforeAll(async () => {
    postgres = await startTestPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'kubenest-runtime-kinds-'));
    const config = loadConfig({
      DATABASE_URL: postgres.url,
      KUBENEST_DATA_DIR: dataDir,
      KUBENEST_HOST: '127.0.0.1',
      KUBENEST_PORT: String(await freePort()),
      KUBENEST_LOCAL_AGENT: 'false',
      KUBENEST_LOG_LEVEL: 'warn',
    });
    plane = await startControlPlane(config);
    kubectl = new Kubectl(plane.kubeconfigPath);
  });

  afterAll(async () => {
    await plane?.close();
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves an added kind through discovery, OpenAPI, create, get and watch, and 404s it once removed', async () => {
    expect(await kubectl.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).toBe('');

    plane.registry.add(widgets);
    expect(await kubectl.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).toBe('widgets.example.com\n');
    expect(JSON.parse(await kubectl.ok(['get', '--raw', '/apis/example.com/v1'])).resources[0].name).toBe('widgets');
    const openapi = JSON.parse(await kubectl.ok(['get', '--raw', '/openapi/v3'])) as { paths: object };
    expect(Object.keys(openapi.paths)).toContain('apis/example.com/v1');

    const watch = spawn(kubectl.binary, [
      ...['--kubeconfig', plane.kubeconfigPath, '--cache-dir', kubectl.cacheDir],
      ...['get', 'widgets', '-n', 'default', '--watch', '-o', 'name'],
    ]);
    let watched = '';
    watch.stdout.on('data', (chunk: Buffer) => (watched += chunk.toString()));
    const exited = once(watch, 'exit');
    expect(await kubectl.ok(['create', '-f', '-', '--validate=false'], { input: widgetYaml })).toBe(
      'widget.example.com/one created\n',
    );
    const stored = JSON.parse(await kubectl.ok(['get', 'wd', 'one', '-n', 'default', '-o', 'json'])) as {
      spec: { size: number };
      metadata: { uid: string };
    };
    expect(stored.spec).toEqual({ size: 3 });
    expect(stored.metadata.uid).toBeTruthy();
    const path = '/apis/example.com/v1/namespaces/default/widgets/one';
    expect(JSON.parse(await kubectl.ok(['get', '--raw', path])).metadata.uid).toBe(stored.metadata.uid);

    // Once the watch has seen the create, removing the kind stops its cache, which ends the watch.
    await waitFor('the watch to show the widget', () => watched.includes('widget.example.com/one'));
    plane.registry.remove('example.com', 'v1', 'widgets');
    await exited;

    const gone = await kubectl.run(['get', '--raw', path]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('NotFound');
    expect(await kubectl.ok(['api-resources', '--api-group=example.com', '-o', 'name'])).toBe('');
    expect((await kubectl.run(['get', '--raw', '/apis/example.com/v1'])).stderr).toContain('NotFound');
    const after = JSON.parse(await kubectl.ok(['get', '--raw', '/openapi/v3'])) as { paths: object };
    expect(Object.keys(after.paths)).not.toContain('apis/example.com/v1');
  });
});
