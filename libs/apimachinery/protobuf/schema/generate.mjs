// Regenerates the *.schema.ts tables from checkouts of k8s.io/api and k8s.io/apimachinery at one release tag
// (the tables in the repo come from v0.33.13, the release kubectl 1.33 and our /version report).
// Run: node libs/apimachinery/protobuf/schema/generate.mjs <api dir> <apimachinery dir>, then `npx prettier --write`.
// Field numbers and types come from each package's generated.proto; JSON names, pointers and omitempty from
// the Go struct tags in its types.go files, since the .proto alone does not say how the JSON form looks.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [apiDir, apimachineryDir] = process.argv.slice(2);
if (!apiDir || !apimachineryDir) {
  process.stderr.write('usage: generate.mjs <k8s.io/api checkout> <k8s.io/apimachinery checkout>\n');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));

// One output file per API package; `roots` are the kinds served, every message they reach follows.
const packages = [
  { dir: join(apimachineryDir, 'pkg/apis/meta/v1'), file: 'meta-v1', constName: 'metaV1', roots: ['DeleteOptions'] },
  {
    dir: join(apiDir, 'core/v1'),
    file: 'core-v1',
    constName: 'coreV1',
    roots: [
      'Namespace',
      'Pod',
      'Node',
      'Service',
      'Endpoints',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'Event',
      'ResourceQuota',
      'Binding',
      'ReplicationController',
    ],
  },
  { dir: join(apiDir, 'apps/v1'), file: 'apps-v1', constName: 'appsV1', roots: ['Deployment', 'ReplicaSet'] },
  { dir: join(apiDir, 'autoscaling/v1'), file: 'autoscaling-v1', constName: 'autoscalingV1', roots: ['Scale'] },
  { dir: join(apiDir, 'batch/v1'), file: 'batch-v1', constName: 'batchV1', roots: ['Job', 'CronJob'] },
  {
    dir: join(apiDir, 'certificates/v1'),
    file: 'certificates-v1',
    constName: 'certificatesV1',
    roots: ['CertificateSigningRequest'],
  },
  { dir: join(apiDir, 'coordination/v1'), file: 'coordination-v1', constName: 'coordinationV1', roots: ['Lease'] },
  {
    dir: join(apiDir, 'discovery/v1'),
    file: 'discovery-v1',
    constName: 'discoveryV1',
    roots: ['EndpointSlice'],
  },
  { dir: join(apiDir, 'events/v1'), file: 'events-v1', constName: 'eventsV1', roots: ['Event'] },
  {
    dir: join(apiDir, 'authorization/v1'),
    file: 'authorization-v1',
    constName: 'authorizationV1',
    roots: ['SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
  },
  {
    dir: join(apiDir, 'authentication/v1'),
    file: 'authentication-v1',
    constName: 'authenticationV1',
    roots: ['SelfSubjectReview', 'TokenRequest'],
  },
  {
    dir: join(apiDir, 'rbac/v1'),
    file: 'rbac-v1',
    constName: 'rbacV1',
    roots: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  },
  {
    dir: join(apiDir, 'policy/v1'),
    file: 'policy-v1',
    constName: 'policyV1',
    roots: ['PodDisruptionBudget', 'Eviction'],
  },
  { dir: join(apiDir, 'scheduling/v1'), file: 'scheduling-v1', constName: 'schedulingV1', roots: ['PriorityClass'] },
];

// Messages the decoder maps to JSON itself (see ../well-known.ts).
const wellKnown = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'meta.v1.Duration',
  'meta.v1.FieldsV1',
  'resource.Quantity',
  'intstr.IntOrString',
  'runtime.RawExtension',
]);
const scalars = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'bytes']);

/** "k8s.io.api.core.v1.Pod" → "core.v1.Pod"; "k8s.io.apimachinery.pkg.api.resource.Quantity" → "resource.Quantity". */
const shortName = (full) =>
  full
    .replace(/^\./, '')
    .replace(/^k8s\.io\.api\./, '')
    .replace(/^k8s\.io\.apimachinery\.pkg\.(apis\.|api\.|util\.)?/, '');

const parseProto = (text) => {
  const prefix = shortName(text.match(/^package ([\w.]+);/m)[1]);
  const messages = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    let m;
    if ((m = line.match(/^message (\w+) \{/))) {
      current = [];
      messages.set(`${prefix}.${m[1]}`, current);
    } else if (line.startsWith('}')) current = null;
    else if (current && (m = line.match(/^\s+(optional|repeated) (\S+) (\w+) = (\d+);/))) {
      current.push({ number: +m[4], label: m[1], type: m[2], name: m[3] });
    } else if (current && (m = line.match(/^\s+map<(\w+), (\S+)> (\w+) = (\d+);/))) {
      current.push({ number: +m[4], label: 'map', key: m[1], type: m[2], name: m[3] });
    }
  }
  return { prefix, messages };
};

// Go struct fields by protobuf field number, and the named slice types (encoded as {1: items} wrappers).
const parseGo = (dir, prefix) => {
  const structs = new Map();
  const namedSlices = new Set();
  const files = readdirSync(dir).filter(
    (f) => f.endsWith('.go') && !f.endsWith('_test.go') && !/generated|zz_/.test(f),
  );
  for (const file of files) {
    let fields = null;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      let m;
      if ((m = line.match(/^type (\w+) \[\]\w+$/))) namedSlices.add(`${prefix}.${m[1]}`);
      if ((m = line.match(/^type (\w+) struct \{/))) {
        fields = new Map();
        structs.set(`${prefix}.${m[1]}`, fields);
      } else if (line.startsWith('}')) fields = null;
      else if (fields && (m = line.match(/^\t(?:\w+\s+)?([*[\]\w.]+)\s+`([^`]*)`/))) {
        const protobuf = m[2].match(/protobuf:"([^"]*)"/);
        if (!protobuf) continue;
        const json = (m[2].match(/json:"([^"]*)"/)?.[1] ?? '').split(',');
        fields.set(+protobuf[1].split(',')[1], {
          pointer: m[1].startsWith('*'),
          json: json[0],
          omitempty: json.includes('omitempty'),
          inline: json.includes('inline') || json[0] === '',
        });
      }
    }
  }
  return { structs, namedSlices };
};

const loaded = packages.map((p) => {
  const proto = parseProto(readFileSync(join(p.dir, 'generated.proto'), 'utf8'));
  return { ...p, ...proto, ...parseGo(p.dir, proto.prefix) };
});
const owner = (name) => loaded.find((p) => p.messages.has(name));

const fieldSpec = (pkg, message, field) => {
  const type = scalars.has(field.type)
    ? field.type
    : field.type.startsWith('.')
      ? shortName(field.type)
      : `${pkg.prefix}.${field.type}`;
  const go = pkg.structs.get(message)?.get(field.number);
  if (!go && !pkg.namedSlices.has(message)) throw new Error(`no Go field for ${message} #${field.number}`);
  const json = pkg.namedSlices.has(message) ? '(value)' : go.inline ? '(inline)' : go.json;
  if (field.label === 'map') return { type, spec: `${json} map[${field.key}]${type}` };
  if (field.label === 'repeated') return { type, spec: `${json} []${type}` };
  const keepZero = scalars.has(type) && (go.pointer || !go.omitempty);
  return { type, spec: `${json} ${keepZero ? '*' : ''}${type}` };
};

// Walk from the roots, collecting every reachable message into its package's table.
const tables = new Map(loaded.map((p) => [p.prefix, new Map()]));
const visit = (name) => {
  if (scalars.has(name) || wellKnown.has(name)) return;
  const pkg = owner(name);
  if (!pkg) throw new Error(`message ${name} not found: add its package`);
  if (tables.get(pkg.prefix).has(name)) return;
  const row = {};
  tables.get(pkg.prefix).set(name, row);
  for (const field of pkg.messages.get(name)) {
    const { type, spec } = fieldSpec(pkg, name, field);
    row[field.number] = spec;
    visit(type);
  }
};
for (const p of loaded) p.roots.forEach((root) => visit(`${p.prefix}.${root}`));

for (const p of loaded) {
  const rows = [...tables.get(p.prefix)].map(([name, fields]) => {
    const body = Object.entries(fields)
      .map(([n, spec]) => `${n}: '${spec}'`)
      .join(', ');
    return `  '${name}': { ${body} },`;
  });
  const text = [
    `// ${p.prefix.replace('.', '/')} messages as protobuf fields → JSON fields; generated by generate.mjs, notation in message-table.ts.`,
    "import type { MessageTables } from './message-table';",
    '',
    `export const ${p.constName}: MessageTables = {`,
    ...rows,
    '};',
    '',
  ].join('\n');
  writeFileSync(join(here, `${p.file}.schema.ts`), text);
  process.stdout.write(`${p.file}.schema.ts: ${rows.length} messages\n`);
}
