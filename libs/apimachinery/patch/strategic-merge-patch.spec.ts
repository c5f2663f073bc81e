// Strategic merge patch checked on the shapes kubectl apply/patch send, and on upstream's error answers.
import { StatusError } from '../status-error';
import { applyStrategicMergePatch } from './strategic-merge-patch';
import { cpuMsOf } from '../testing/cpu-ms-of';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
const pod = { group: '', version: 'v1', kind: 'Pod' };
const service = { group: '', version: 'v1', kind: 'Service' };
const node = { group: '', version: 'v1', kind: 'Node' };
const widget = { group: 'example.com', version: 'v1', kind: 'Widget' };

const podSpec = (spec: object) => ({ spec: { template: { spec } } });

describe('applyStrategicMergePatch', () => {
  it.each([
    {
      name: 'kubectl apply: change an image and drop a container',
      kind: deployment,
      original: podSpec({
        containers: [
          { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'sidecar', image: 'busybox' },
        ],
      }),
      patch: podSpec({
        $setElementOrder$containers: [{ name: 'web' }],
        containers: [
          { image: 'nginx:1.26', name: 'web' },
          { $patch: 'delete', name: 'sidecar' },
        ],
      }),
      want: podSpec({
        containers: [{ name: 'web', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      }),
    },
    {
      name: 'kubectl apply: insert a container where $setElementOrder puts it',
      kind: deployment,
      original: podSpec({
        containers: [
          { name: 'a', image: 'x' },
          { name: 'c', image: 'x' },
        ],
      }),
      patch: podSpec({
        $setElementOrder$containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
        containers: [{ name: 'b', image: 'y' }],
      }),
      want: podSpec({
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
          { name: 'c', image: 'x' },
        ],
      }),
    },
    {
      name: 'kubectl apply: add an env var inside a container, in order',
      kind: deployment,
      original: podSpec({ containers: [{ name: 'web', env: [{ name: 'A', value: '1' }] }] }),
      patch: podSpec({
        $setElementOrder$containers: [{ name: 'web' }],
        containers: [
          { name: 'web', $setElementOrder$env: [{ name: 'A' }, { name: 'B' }], env: [{ name: 'B', value: '2' }] },
        ],
      }),
      want: podSpec({
        containers: [
          {
            name: 'web',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
        ],
      }),
    },
    {
      name: 'a new list item without an order goes first, as upstream',
      kind: pod,
      original: { spec: { containers: [{ name: 'web', env: [{ name: 'A', value: '1' }] }] } },
      patch: { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '2' }] }] } },
      want: {
        spec: {
          containers: [
            {
              name: 'web',
              env: [
                { name: 'B', value: '2' },
                { name: 'A', value: '1' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'merged list item fields merge, null deletes inside it',
      kind: pod,
      original: { spec: { containers: [{ name: 'web', image: 'a', command: ['x'], workingDir: '/w' }] } },
      patch: { spec: { containers: [{ name: 'web', command: ['y', 'z'], workingDir: null }] } },
      want: { spec: { containers: [{ name: 'web', image: 'a', command: ['y', 'z'] }] } },
    },
    {
      name: '$patch: replace in a list replaces it',
      kind: pod,
      original: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }, { containerPort: 443 }] }] } },
      patch: { spec: { containers: [{ name: 'web', ports: [{ $patch: 'replace' }, { containerPort: 8080 }] }] } },
      want: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] } },
    },
    {
      name: '$patch: replace in a map replaces it',
      kind: deployment,
      original: { spec: { template: { metadata: { labels: { app: 'web', tier: 'fe' } } } } },
      patch: { spec: { template: { metadata: { labels: { $patch: 'replace', app: 'api' } } } } },
      want: { spec: { template: { metadata: { labels: { app: 'api' } } } } },
    },
    {
      name: '$patch: delete in a map empties it',
      kind: pod,
      original: { metadata: { name: 'p', annotations: { a: '1' } } },
      patch: { metadata: { annotations: { $patch: 'delete' } } },
      want: { metadata: { name: 'p', annotations: {} } },
    },
    {
      name: '$retainKeys drops the other keys (Deployment strategy)',
      kind: deployment,
      original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      want: { spec: { strategy: { type: 'Recreate' } } },
    },
    {
      name: '$retainKeys in a volume switches its source',
      kind: pod,
      original: {
        spec: {
          volumes: [
            { name: 'v', emptyDir: {} },
            { name: 'w', emptyDir: {} },
          ],
        },
      },
      patch: { spec: { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'v', configMap: { name: 'cm' } }] } },
      want: {
        spec: {
          volumes: [
            { name: 'v', configMap: { name: 'cm' } },
            { name: 'w', emptyDir: {} },
          ],
        },
      },
    },
    {
      name: 'finalizers merge as a set; $deleteFromPrimitiveList removes',
      kind: pod,
      original: { metadata: { finalizers: ['a', 'b'] } },
      patch: {
        metadata: {
          $setElementOrder$finalizers: ['b', 'c'],
          finalizers: ['c'],
          $deleteFromPrimitiveList$finalizers: ['a'],
        },
      },
      want: { metadata: { finalizers: ['b', 'c'] } },
    },
    {
      name: 'ownerReferences merge by uid',
      kind: pod,
      original: { metadata: { ownerReferences: [{ uid: '1', name: 'rs-a' }] } },
      patch: {
        metadata: {
          ownerReferences: [
            { uid: '1', controller: true },
            { uid: '2', name: 'rs-b' },
          ],
        },
      },
      want: {
        metadata: {
          ownerReferences: [
            { uid: '1', name: 'rs-a', controller: true },
            { uid: '2', name: 'rs-b' },
          ],
        },
      },
    },
    {
      name: 'labels merge and null deletes (kubectl label)',
      kind: pod,
      original: { metadata: { labels: { a: '1', b: '2' } } },
      patch: { metadata: { labels: { a: null, c: '3' } } },
      want: { metadata: { labels: { b: '2', c: '3' } } },
    },
    {
      name: 'tolerations have no merge strategy: replaced',
      kind: pod,
      original: { spec: { tolerations: [{ key: 'a', operator: 'Exists' }] } },
      patch: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
      want: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } },
    },
    {
      name: 'Service ports merge by port',
      kind: service,
      original: {
        spec: {
          ports: [
            { port: 80, name: 'http' },
            { port: 443, name: 'https' },
          ],
        },
      },
      patch: { spec: { ports: [{ port: 80, targetPort: 8080 }] } },
      want: {
        spec: {
          ports: [
            { port: 80, name: 'http', targetPort: 8080 },
            { port: 443, name: 'https' },
          ],
        },
      },
    },
    {
      name: 'Node conditions merge by type, taints are replaced',
      kind: node,
      original: {
        spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] },
        status: {
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'DiskPressure', status: 'False' },
          ],
        },
      },
      patch: { spec: { taints: [] }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      want: {
        spec: { taints: [] },
        status: {
          conditions: [
            { type: 'Ready', status: 'True' },
            { type: 'DiskPressure', status: 'False' },
          ],
        },
      },
    },
    {
      name: 'kinds without metadata replace lists',
      kind: widget,
      original: { spec: { items: [{ name: 'a' }], size: 1 } },
      patch: { spec: { items: [{ name: 'b' }] } },
      want: { spec: { items: [{ name: 'b' }], size: 1 } },
    },
    {
      name: 'a new key keeps no nulls and no directive items',
      kind: pod,
      original: {},
      patch: {
        spec: {
          containers: [
            { name: 'a', x: null },
            { name: 'b', $patch: 'delete' },
          ],
        },
      },
      want: { spec: { containers: [{ name: 'a' }] } },
    },
    {
      name: 'a null patch changes nothing',
      kind: pod,
      original: { a: 1 },
      patch: null,
      want: { a: 1 },
    },
  ])('$name', ({ kind, original, patch, want }) => {
    // `$` spelled in keys of the table above: `$setElementOrder$env` stands for `$setElementOrder/env`.
    const slashed = JSON.parse(JSON.stringify(patch).replace(/"(\$[A-Za-z]+)\$([A-Za-z]+)"/g, '"$1/$2"'));
    const before = JSON.stringify(original);
    const patchBefore = JSON.stringify(slashed);
    expect(applyStrategicMergePatch(original, slashed, kind)).toEqual(want);
    expect(JSON.stringify(original)).toBe(before);
    expect(JSON.stringify(slashed)).toBe(patchBefore);
  });

  it.each([
    {
      name: 'not an object',
      patch: [1],
      code: 400,
      msg: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
    {
      name: 'bad $retainKeys',
      patch: { spec: { strategy: { $retainKeys: 'type' } } },
      code: 400,
      msg: 'invalid patch format of retainKeys',
    },
    {
      name: 'key outside $retainKeys',
      patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      code: 400,
      msg: 'invalid patch format of retainKeys',
    },
    {
      name: '$patch: merge in a list',
      patch: podSpec({ containers: [{ name: 'web', $patch: 'merge' }] }),
      code: 422,
      msg: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'unknown $patch in a map',
      patch: { spec: { $patch: 'frob' } },
      code: 422,
      msg: 'unknown patch type: frob in map: map[$patch:frob]',
    },
    {
      name: 'no merge key',
      patch: podSpec({ containers: [{ image: 'x' }] }),
      code: 422,
      msg: 'map: map[image:x] does not contain declared merge key: name',
    },
    {
      name: 'list of lists',
      patch: { metadata: { finalizers: [['x']] } },
      code: 422,
      msg: 'the server rejected our request due to an error in our request',
    },
    {
      name: '$setElementOrder not matching the patch',
      patch: podSpec({ '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'other', image: 'x' }] }),
      code: 422,
      msg: "The order in patch list:\n[map[image:x name:other]]\n doesn't match $setElementOrder list:\n[map[name:web]]\n",
    },
  ])('refuses $name', ({ patch, code, msg }) => {
    const original = {
      metadata: { finalizers: [] },
      spec: { strategy: { type: 'RollingUpdate' }, template: { spec: { containers: [{ name: 'web', image: 'a' }] } } },
    };
    let err: unknown;
    try {
      applyStrategicMergePatch(original, patch, deployment);
    } catch (e) {
      err = e;
    }
    expect(StatusError.is(err)).toBe(true);
    expect((err as StatusError).code).toBe(code);
    expect((err as StatusError).message).toBe(msg);
  });
});

describe('applyStrategicMergePatch on long lists', () => {
  const n = 50_000;
  const names = (prefix: string, count = n) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const original = {
    metadata: { name: 'p', finalizers: names('f') },
    spec: { containers: names('c').map((name) => ({ name, image: 'a' })) },
  };

  // Each of these searched one list for every item of the other: minutes at this length.
  it.each([
    { name: 'merging by key', patch: { spec: { containers: names('c').map((name) => ({ name, image: 'b' })) } } },
    {
      name: 'ordering by $setElementOrder',
      patch: {
        spec: {
          '$setElementOrder/containers': names('c')
            .reverse()
            .map((name) => ({ name })),
        },
      },
    },
    {
      name: 'deleting by $patch: delete',
      patch: { spec: { containers: names('c').map((name) => ({ name, $patch: 'delete' })) } },
    },
    { name: 'merging a primitive list as a set', patch: { metadata: { finalizers: names('g') } } },
    {
      name: 'deleting from a primitive list',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': names('f') } },
    },
  ])('$name takes time linear in the lists', ({ patch }) => {
    expect(cpuMsOf(() => applyStrategicMergePatch(original, patch, pod))).toBeLessThan(3000);
  });

  it('keeps the merge results of the long path', () => {
    const patched = applyStrategicMergePatch(
      original,
      { metadata: { finalizers: ['f1', 'x'], '$deleteFromPrimitiveList/finalizers': ['f0'] } },
      pod,
    ) as { metadata: { finalizers: string[] } };
    const finalizers = patched.metadata.finalizers;
    expect([finalizers.length, finalizers.includes('f0'), finalizers.slice(0, 3)]).toEqual([
      n,
      false,
      ['f1', 'x', 'f2'],
    ]);
  });
});
