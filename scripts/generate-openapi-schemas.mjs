#!/usr/bin/env node
// Writes libs/api/openapi/definitions.generated.json: the OpenAPI v3 schemas of the kinds we
// serve and every definition they reach, keyed by Kubernetes definition name.
//
// Run from the repository root after changing ROOTS or upgrading the model packages:
//   node scripts/generate-openapi-schemas.mjs
// Sources, all installed dependencies:
//   - kubernetes-models / @kubernetes-models/apimachinery .d.ts files: fields, required fields,
//     references, enums and the upstream field documentation (JSDoc), read with the TypeScript
//     compiler API;
//   - @kubernetes/client-node model classes (static attributeTypeMap): number and string formats
//     (int32, int64, double, byte) that the .d.ts files do not carry;
//   - LIST_METADATA below: the patch strategy, merge key and list/map type of the fields that
//     strategic merge patch and server-side apply care about, as the upstream Go types tag them.
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The models alone: the package index pulls in an HTTP stack this script does not need.
import * as clientNode from '@kubernetes/client-node/dist/gen/models/all.js';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
const machineryDir = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));
const output = join(repo, 'libs/api/openapi/definitions.generated.json');

const ROOTS = [
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.NamespaceList',
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.PodList',
  'io.k8s.api.core.v1.Node',
  'io.k8s.api.core.v1.NodeList',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.ServiceList',
  'io.k8s.api.core.v1.Endpoints',
  'io.k8s.api.core.v1.EndpointsList',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.ConfigMapList',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.SecretList',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.ServiceAccountList',
  'io.k8s.api.core.v1.Event',
  'io.k8s.api.core.v1.EventList',
  'io.k8s.api.core.v1.Binding',
  'io.k8s.api.core.v1.ReplicationController',
  'io.k8s.api.core.v1.ReplicationControllerList',
  'io.k8s.api.discovery.v1.EndpointSlice',
  'io.k8s.api.discovery.v1.EndpointSliceList',
  'io.k8s.api.events.v1.Event',
  'io.k8s.api.events.v1.EventList',
  'io.k8s.api.coordination.v1.Lease',
  'io.k8s.api.coordination.v1.LeaseList',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.DeploymentList',
  'io.k8s.api.apps.v1.ReplicaSet',
  'io.k8s.api.apps.v1.ReplicaSetList',
  'io.k8s.api.certificates.v1.CertificateSigningRequest',
  'io.k8s.api.certificates.v1.CertificateSigningRequestList',
  'io.k8s.api.scheduling.v1.PriorityClass',
  'io.k8s.api.scheduling.v1.PriorityClassList',
  'io.k8s.api.autoscaling.v1.Scale',
  'io.k8s.api.policy.v1.Eviction',
  'io.k8s.api.authorization.v1.SelfSubjectAccessReview',
  'io.k8s.api.authorization.v1.SelfSubjectRulesReview',
  'io.k8s.api.authentication.v1.TokenRequest',
  'io.k8s.api.authentication.v1.SelfSubjectReview',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  'io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList',
  'io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions',
];

// Kinds that exist in every group-version (kube lists them under each one); the document
// builder adds the served group-versions, the generator records the core one.
const META_KINDS = {
  DeleteOptions: true,
  WatchEvent: true,
  Status: true,
  APIResourceList: true,
  APIGroupList: true,
  APIVersions: true,
};

const merge = (key, listMapKeys = [key]) => ({
  'x-kubernetes-patch-merge-key': key,
  'x-kubernetes-patch-strategy': 'merge',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': listMapKeys,
});
const mergeRetain = (key) => ({ ...merge(key), 'x-kubernetes-patch-strategy': 'merge,retainKeys' });
const atomic = { 'x-kubernetes-list-type': 'atomic' };
const byType = merge('type');
const containerLists = {
  ports: merge('containerPort', ['containerPort', 'protocol']),
  env: merge('name'),
  envFrom: atomic,
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
  resizePolicy: atomic,
  args: atomic,
  command: atomic,
};
const LIST_METADATA = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
    ownerReferences: merge('uid'),
    managedFields: atomic,
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchExpressions: atomic },
  'io.k8s.api.core.v1.PodSpec': {
    containers: merge('name'),
    initContainers: merge('name'),
    ephemeralContainers: merge('name'),
    volumes: mergeRetain('name'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    schedulingGates: merge('name'),
    resourceClaims: mergeRetain('name'),
    readinessGates: atomic,
    tolerations: atomic,
  },
  'io.k8s.api.core.v1.Container': containerLists,
  'io.k8s.api.core.v1.EphemeralContainer': containerLists,
  'io.k8s.api.core.v1.PodStatus': {
    conditions: byType,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    containerStatuses: atomic,
    initContainerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: mergeRetain('name'),
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    ports: merge('port', ['port', 'protocol']),
    clusterIPs: atomic,
    externalIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
  },
  'io.k8s.api.core.v1.ServiceStatus': { conditions: byType },
  'io.k8s.api.core.v1.NamespaceStatus': { conditions: byType },
  'io.k8s.api.core.v1.NodeSpec': {
    podCIDRs: { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
    taints: atomic,
  },
  'io.k8s.api.core.v1.NodeStatus': {
    addresses: byType,
    conditions: byType,
    images: atomic,
    volumesAttached: atomic,
    volumesInUse: atomic,
  },
  'io.k8s.api.core.v1.ServiceAccount': { secrets: merge('name'), imagePullSecrets: atomic },
  'io.k8s.api.core.v1.EndpointSubset': { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  'io.k8s.api.core.v1.Endpoints': { subsets: atomic },
  'io.k8s.api.discovery.v1.EndpointSlice': { endpoints: atomic, ports: atomic },
  'io.k8s.api.discovery.v1.Endpoint': { addresses: { 'x-kubernetes-list-type': 'set' } },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: byType },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: byType },
  'io.k8s.api.certificates.v1.CertificateSigningRequestSpec': { usages: atomic, groups: atomic },
  'io.k8s.api.certificates.v1.CertificateSigningRequestStatus': {
    conditions: { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
  },
};
const FIELD_METADATA = {
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: { 'x-kubernetes-patch-strategy': 'retainKeys' } },
};
// Structs kube marks +structType=atomic: apply replaces them whole.
const ATOMIC_STRUCTS = [
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
];
// Definitions whose Go type has its own JSON encoding: kube describes them by hand too.
const SCALARS = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'A fixed-point number with an optional SI or binary suffix, e.g. "100m", "1.5Gi", "2".',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': { type: 'object' },
};

/** Definition name → .d.ts file, and back. */
function fileOf(name) {
  const parts = name.split('.');
  const type = parts.pop();
  if (name.startsWith('io.k8s.apimachinery.pkg.')) return join(machineryDir, ...parts.slice(4), `${type}.d.ts`);
  const [group, version] = parts.slice(3);
  if (group === 'core') return join(modelsDir, version, `${type}.d.ts`);
  const groupDir =
    { apps: 'apps', autoscaling: 'autoscaling', policy: 'policy', batch: 'batch' }[group] ??
    `${group === 'rbac' ? 'rbac.authorization' : group}.k8s.io`;
  return join(modelsDir, groupDir, version, `${type}.d.ts`);
}

function nameOf(file) {
  const inMachinery = !relative(machineryDir, file).startsWith('..');
  const rel = relative(inMachinery ? machineryDir : modelsDir, file)
    .replace(/\.d\.ts$/, '')
    .split(sep);
  const type = rel.pop();
  if (inMachinery) return ['io.k8s.apimachinery.pkg', ...rel, type].join('.');
  if (rel.length === 1) return `io.k8s.api.core.${rel[0]}.${type}`;
  const group = rel[0].replace(/\.k8s\.io$/, '').split('.')[0];
  return `io.k8s.api.${group}.${rel[1]}.${type}`;
}

function jsDoc(node) {
  const docs = (node.jsDoc ?? []).map((d) =>
    typeof d.comment === 'string' ? d.comment : (d.comment ?? []).map((c) => c.text).join(''),
  );
  const text = docs.join('\n').trim();
  return text ? text.replace(/\n\nPossible enum values:[\s\S]*$/, '').trim() : undefined;
}

/** client-node's model for a definition: the class whose attributes are the definition's fields. */
function clientModel(name, fields) {
  const parts = name.split('.');
  const type = parts.pop();
  const version = parts.pop();
  const group = parts.pop();
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  for (const candidate of [`${cap(version)}${type}`, `${cap(group)}${cap(version)}${type}`]) {
    const model = clientNode[candidate];
    const attrs = model?.attributeTypeMap;
    if (!attrs) continue;
    const names = new Set(attrs.map((a) => a.baseName));
    if (fields.every((f) => names.has(f))) return new Map(attrs.map((a) => [a.baseName, a]));
  }
  return new Map();
}

const machineryPackage = '@kubernetes-models/apimachinery/';
const moduleFile = (fromFile, spec) => {
  if (spec.startsWith('.')) return resolve(dirname(fromFile), `${spec}.d.ts`);
  return spec.startsWith(machineryPackage)
    ? join(machineryDir, `${spec.slice(machineryPackage.length)}.d.ts`)
    : undefined;
};

function readDefinition(name) {
  const file = fileOf(name);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  if (SCALARS[name]) {
    const alias = source.statements.find(
      (st) => (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) && st.name.text.startsWith('I'),
    );
    return { schema: { description: alias && jsDoc(alias), ...SCALARS[name] }, refs: [] };
  }
  const imports = new Map();
  let decl;
  for (const st of source.statements) {
    if (
      ts.isImportDeclaration(st) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      for (const el of st.importClause.namedBindings.elements)
        imports.set(el.name.text, moduleFile(file, st.moduleSpecifier.text));
    }
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text.startsWith('I') && !decl)
      decl = st;
  }
  if (!decl) throw new Error(`no interface in ${file}`);
  const refs = [];
  const fieldNames = ts.isInterfaceDeclaration(decl)
    ? decl.members.filter(ts.isPropertySignature).map((m) => m.name.text)
    : [];
  const formats = clientModel(name, fieldNames);

  const typeSchema = (node, format) => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.NumberKeyword:
        if (format === 'int32' || format === 'int64') return { type: 'integer', format };
        return format === 'double' ? { type: 'number', format: 'double' } : { type: 'number' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      case ts.SyntaxKind.LiteralType:
        return { type: 'string' };
      case ts.SyntaxKind.UnionType: {
        const values = node.types.filter(ts.isLiteralTypeNode).map((t) => t.literal.text);
        if (values.length === node.types.length) return { type: 'string', enum: values };
        return { type: 'string' };
      }
      case ts.SyntaxKind.TypeLiteral: {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        if (!index) return { type: 'object' };
        return { type: 'object', additionalProperties: typeSchema(index.type, format) };
      }
      case ts.SyntaxKind.TypeReference: {
        const id = node.typeName.text;
        if (id === 'Array') return { type: 'array', items: typeSchema(node.typeArguments[0], format) };
        const target = imports.get(id);
        if (!target) throw new Error(`${name}: unresolved type ${id}`);
        const ref = nameOf(target);
        refs.push(ref);
        return { $ref: `#/components/schemas/${ref}` };
      }
      default:
        throw new Error(`${name}: unsupported type node ${ts.SyntaxKind[node.kind]}`);
    }
  };

  const schema = { description: jsDoc(decl), type: 'object' };
  if (ts.isTypeAliasDeclaration(decl)) return { schema: { ...schema, ...typeSchema(decl.type) }, refs };
  const properties = {};
  const required = [];
  let apiVersion;
  let kind;
  for (const m of decl.members.filter(ts.isPropertySignature)) {
    const field = m.name.text;
    if ((field === 'apiVersion' || field === 'kind') && m.type && ts.isLiteralTypeNode(m.type)) {
      if (field === 'apiVersion') apiVersion = m.type.literal.text;
      else kind = m.type.literal.text;
    }
    let prop = typeSchema(m.type, formats.get(field)?.format);
    const description = jsDoc(m) ?? typeMetaDescription[field];
    // A sibling of $ref is ignored in OpenAPI 3.0, so a described reference goes through allOf, as kube does.
    if (prop.$ref) prop = { allOf: [prop] };
    prop = { description, ...prop, ...LIST_METADATA[name]?.[field], ...FIELD_METADATA[name]?.[field] };
    properties[field] = prop;
    if (!m.questionToken && field !== 'apiVersion' && field !== 'kind') required.push(field);
  }
  Object.assign(schema, { properties });
  if (required.length) schema.required = required;
  if (ATOMIC_STRUCTS.includes(name)) schema['x-kubernetes-map-type'] = 'atomic';
  const typeName = name.split('.').pop();
  if (apiVersion && kind) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    schema['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
  } else if (META_KINDS[typeName]) {
    schema['x-kubernetes-group-version-kind'] = [{ group: '', kind: typeName, version: 'v1' }];
  }
  return { schema, refs };
}

// Our own wording: kubernetes-models leaves TypeMeta fields undocumented.
const typeMetaDescription = {
  apiVersion: 'APIVersion defines the versioned schema of this representation of an object, e.g. "v1" or "apps/v1".',
  kind: 'Kind is the REST resource type this object represents, in CamelCase, e.g. "Pod".',
};

const definitions = {};
const queue = [...ROOTS];
while (queue.length) {
  const name = queue.shift();
  if (definitions[name]) continue;
  const { schema, refs } = readDefinition(name);
  definitions[name] = JSON.parse(JSON.stringify(schema));
  queue.push(...refs.filter((r) => !definitions[r]));
}
const sorted = Object.fromEntries(
  Object.keys(definitions)
    .sort()
    .map((k) => [k, definitions[k]]),
);
// Formatted as the repository's prettier config wants, so `npm run lint` passes on the output.
const prettier = await import('prettier');
const options = { ...(await prettier.resolveConfig(output)), parser: 'json' };
writeFileSync(output, await prettier.format(JSON.stringify(sorted), options));
process.stdout.write(`wrote ${Object.keys(sorted).length} definitions to ${relative(repo, output)}\n`);
