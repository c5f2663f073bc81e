// Replays of request bodies that froze or crashed the server (issue 8, items 1 and 3) and of the
// others of their kind found since: each is refused, or answered, at once, and the server keeps
// answering others while it is sent and after.
import { envelope, msg } from '@kubenest/apimachinery/protobuf/fixtures/proto-writer';
import { Kubectl } from '@kubenest/testing/kubectl';
import { KubenestServer, startKubenest } from '@kubenest/testing/kubenest-server';
import { HttpsResponse, httpsRequest } from './support/https-client';

const ns = '/api/v1/namespaces/default';
const repeat = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

describe('request bodies that once froze or crashed the server', () => {
  let server: KubenestServer;
  let kubectl: Kubectl;

  const send = (method: string, path: string, type: string, body: string | Buffer): Promise<HttpsResponse> =>
    httpsRequest(server, { method, path, token: server.token, headers: { 'Content-Type': type }, body });

  const timed = async (request: Promise<HttpsResponse>): Promise<{ res: HttpsResponse; ms: number }> => {
    const start = performance.now();
    const res = await request;
    return { res, ms: performance.now() - start };
  };

  const createConfigMap = async (name: string, fields: object) => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...fields };
    expect((await send('POST', `${ns}/configmaps`, 'application/json', JSON.stringify(cm))).status).toBe(201);
  };

  // kubectl (no dispatcher) fails if any of its requests goes unanswered for a second.
  const kubectlGetNamespaces = () => kubectl.ok(['get', 'namespaces', '--request-timeout=1s']);

  /** Sends `attack` `times` times at once, and kubectl get ns meanwhile; the attacks' answers. */
  const whileKubectlAsks = async (times: number, attack: () => Promise<HttpsResponse>): Promise<HttpsResponse[]> => {
    const attacks = Promise.all(repeat(times, attack));
    await expect(kubectlGetNamespaces()).resolves.toContain('default');
    return attacks;
  };

  const stillServes = async () => {
    expect((await httpsRequest(server, { path: '/readyz' })).status).toBe(200);
    await expect(kubectlGetNamespaces()).resolves.toContain('kube-system');
  };

  beforeAll(async () => {
    server = await startKubenest();
    kubectl = new Kubectl(server.kubeconfig, 33);
  });

  afterAll(async () => {
    await server?.stop();
  });

  describe('patches', () => {
    it('a 1.3 KB JSON patch of 26 doubling copies is refused within a second (it once grew to 5 GB)', async () => {
      await createConfigMap('copies', { data: { a: 'b' } });
      const patch = JSON.stringify([
        { op: 'add', path: '/list', value: ['x'.repeat(20)] },
        ...repeat(26, () => ({ op: 'copy', from: '/list', path: '/list/-' })),
      ]);
      expect(patch.length).toBeLessThan(1400);
      const { res, ms } = await timed(send('PATCH', `${ns}/configmaps/copies`, 'application/json-patch+json', patch));
      expect([res.status, res.json().reason]).toEqual([422, 'Invalid']);
      expect(res.json().message).toMatch(/^the JSON patch copies \d+ bytes, more than the limit of 3145728 bytes$/);
      expect(ms).toBeLessThan(1000);
      await stillServes();
    });

    it('10,000 moves of a 900 KB member are answered within a second (each once copied the whole object)', async () => {
      await createConfigMap('moves', { data: Object.fromEntries(repeat(200, (i) => [`k${i}`, 'v'.repeat(4500)])) });
      const patch = JSON.stringify(repeat(10_000, () => ({ op: 'move', from: '/data', path: '/data' })));
      const { res, ms } = await timed(send('PATCH', `${ns}/configmaps/moves`, 'application/json-patch+json', patch));
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(1000);
    });

    it('a strategic merge of 30,000 finalizers into 30,000 is answered within a second (it compared every pair)', async () => {
      const finalizers = (prefix: string) => repeat(30_000, (i) => `example.com/${prefix}${i}`);
      await createConfigMap('finalizers', { metadata: { name: 'finalizers', finalizers: finalizers('a') } });
      const patch = JSON.stringify({ metadata: { finalizers: finalizers('b') } });
      const { res, ms } = await timed(
        send('PATCH', `${ns}/configmaps/finalizers`, 'application/strategic-merge-patch+json', patch),
      );
      expect(res.status).toBe(200);
      expect(res.json().metadata.finalizers).toHaveLength(60_000);
      expect(ms).toBeLessThan(1000);
    });

    it('a merge patch of labels named hasOwnProperty and constructor applies (it answered 500, or dropped the rest)', async () => {
      await createConfigMap('object-keys', {
        metadata: { name: 'object-keys', labels: { hasOwnProperty: 'x', constructor: 'y', gone: 'z' } },
      });
      const patch = JSON.stringify({ metadata: { labels: { gone: null, constructor: 'w', added: 'v' } } });
      const res = await send('PATCH', `${ns}/configmaps/object-keys`, 'application/merge-patch+json', patch);
      expect(res.status).toBe(200);
      expect(res.json().metadata.labels).toEqual({ hasOwnProperty: 'x', constructor: 'w', added: 'v' });
    });
  });

  describe('bodies', () => {
    it('a JSON body of a million empty objects is refused within a second (it answered 290 MB after 9 s)', async () => {
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'many' },
        spec: { containers: repeat(1e6, () => ({})) },
      };
      const { res, ms } = await timed(send('POST', `${ns}/pods`, 'application/json', JSON.stringify(pod)));
      expect([res.status, res.json().message]).toEqual([
        413,
        'the request body holds more than 100000 objects and arrays',
      ]);
      expect(ms).toBeLessThan(1000);
    });

    it('a protobuf body of 1.5 million empty containers is refused within a second', async () => {
      const emptyContainers = Buffer.alloc(3_000_000);
      for (let i = 0; i < emptyContainers.length; i += 2) emptyContainers[i] = (2 << 3) | 2;
      const body = envelope('v1', 'Pod', msg(2, emptyContainers));
      const { res, ms } = await timed(send('POST', `${ns}/pods`, 'application/vnd.kubernetes.protobuf', body));
      expect(res.status).toBe(413);
      expect(ms).toBeLessThan(1000);
    });

    it('100,000 unknown fields under fieldValidation=Warn get 4 KiB of warnings, not 100,000 headers', async () => {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unknown' } };
      const body = JSON.stringify(cm).slice(0, -1) + repeat(100_000, (i) => `,"f${i}":1`).join('') + '}';
      const res = await send('POST', `${ns}/configmaps?fieldValidation=Warn`, 'application/json', body);
      expect(res.status).toBe(201);
      const warnings = [res.headers.warning ?? ''].flat().join(', ');
      expect(warnings).toContain('unknown field \\"f0\\"');
      expect(warnings.length).toBeLessThan(8 * 1024);
    });

    it('3 MB of nested YAML sequences are refused while kubectl get ns answers (it held the event loop 9 s)', async () => {
      const body = '- '.repeat(1_500_000) + 'x\n';
      const answers = await whileKubectlAsks(5, () => send('POST', `${ns}/configmaps`, 'application/yaml', body));
      for (const res of answers) {
        expect([res.status, res.json().message]).toEqual([400, 'the request body nests deeper than 1000 levels']);
      }
      await stillServes();
    });

    it('YAML ConfigMaps of 10,000 keys are decoded off the event loop (the repeated-key check compared every pair)', async () => {
      const data = repeat(10_000, (i) => `  k${i}: v\n`).join('');
      const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: keys-\ndata:\n${data}`;
      const answers = await whileKubectlAsks(5, () => send('POST', `${ns}/configmaps`, 'application/yaml', body));
      for (const res of answers) {
        expect(res.status).toBe(201);
        expect(Object.keys(res.json().data)).toHaveLength(10_000);
      }
    });

    it('2 MB of YAML lists are refused past the decoding budget while kubectl get ns answers', async () => {
      const items = repeat(100_000, (i) => `  - {name: c${i}, image: x}\n`).join('');
      const body = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: list\nitems:\n${items}`;
      const answers = await whileKubectlAsks(3, () => send('POST', `${ns}/configmaps`, 'application/yaml', body));
      for (const res of answers) {
        expect([res.status, res.json().message]).toEqual([
          413,
          'the YAML body takes more than 500 ms of CPU to decode; send large objects as JSON',
        ]);
      }
    });

    it('YAML of 400 nested explicit keys is refused at once (the parser took 15 s to turn such keys to text)', async () => {
      const { res, ms } = await timed(send('POST', `${ns}/configmaps`, 'application/yaml', '? '.repeat(400) + 'x\n'));
      expect([res.status, res.json().message]).toEqual([
        400,
        'error converting YAML to JSON: map keys must be strings, numbers or booleans, not a collection, at line 1, column 3',
      ]);
      expect(ms).toBeLessThan(1000);
      await stillServes();
    });

    it('YAML of 100,000 anchors and aliases is refused at once (resolving them was quadratic)', async () => {
      const body = repeat(50_000, (i) => `- &a${i} x\n- *a${i}\n`).join('');
      const { res, ms } = await timed(send('POST', `${ns}/configmaps`, 'application/yaml', body));
      expect([res.status, res.json().message]).toEqual([400, 'the YAML body holds more than 1000 anchors and aliases']);
      expect(ms).toBeLessThan(1000);
      await stillServes();
    });
  });
});
