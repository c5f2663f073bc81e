import { ObjectMeta } from '../object';
import { nameIsDNSSubdomain } from './name-validators';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta';

const namespaced = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const clusterScoped = { namespaced: false, nameValidator: nameIsDNSSubdomain };

describe('validateObjectMeta', () => {
  it.each([
    { name: 'valid', meta: { name: 'web', namespace: 'default' }, opts: namespaced, want: [] },
    {
      name: 'no name',
      meta: { namespace: 'default' },
      opts: namespaced,
      want: [
        {
          type: 'FieldValueRequired',
          field: 'metadata.name',
          message: 'Required value: name or generateName is required',
        },
      ],
    },
    {
      name: 'no namespace',
      meta: { name: 'web' },
      opts: namespaced,
      want: [{ type: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' }],
    },
    {
      name: 'namespace on a cluster-scoped kind',
      meta: { name: 'web', namespace: 'default' },
      opts: clusterScoped,
      want: [
        { type: 'FieldValueForbidden', field: 'metadata.namespace', message: 'Forbidden: not allowed on this type' },
      ],
    },
    {
      name: 'bad label value',
      meta: { name: 'web', labels: { app: '-x' } },
      opts: clusterScoped,
      want: [
        expect.objectContaining({
          field: 'metadata.labels',
          message: expect.stringMatching(/^Invalid value: "-x": a valid label must be/),
        }),
      ],
    },
    {
      name: 'bad annotation key',
      meta: { name: 'web', annotations: { 'a/b/c': 'x' } },
      opts: clusterScoped,
      want: [expect.objectContaining({ field: 'metadata.annotations', type: 'FieldValueInvalid' })],
    },
    {
      name: 'annotations too large',
      meta: { name: 'web', annotations: { big: 'x'.repeat(256 * 1024) } },
      opts: clusterScoped,
      want: [
        {
          type: 'FieldValueTooLong',
          field: 'metadata.annotations',
          message: 'Too long: may not be more than 262144 bytes',
        },
      ],
    },
    {
      name: 'two controllers',
      meta: {
        name: 'web',
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ],
      },
      opts: clusterScoped,
      want: [
        expect.objectContaining({
          field: 'metadata.ownerReferences',
          message: expect.stringContaining(
            'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b',
          ),
        }),
      ],
    },
    {
      name: 'incomplete owner reference',
      meta: { name: 'web', ownerReferences: [{ apiVersion: 'apps/', kind: 'ReplicaSet', name: 'a' }] },
      opts: clusterScoped,
      want: [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.ownerReferences.apiVersion',
          message: 'Invalid value: "apps/": version must not be empty',
        },
        {
          type: 'FieldValueInvalid',
          field: 'metadata.ownerReferences.uid',
          message: 'Invalid value: "": must not be empty',
        },
      ],
    },
    {
      name: 'conflicting finalizers',
      meta: { name: 'web', finalizers: ['orphan', 'foregroundDeletion'] },
      opts: clusterScoped,
      want: [
        expect.objectContaining({
          field: 'metadata.finalizers',
          message: expect.stringContaining('finalizer orphan and foregroundDeletion cannot be both set'),
        }),
      ],
    },
    {
      name: 'bad generateName',
      meta: { name: 'web-abcde', generateName: 'Web-' },
      opts: clusterScoped,
      want: [expect.objectContaining({ field: 'metadata.generateName' })],
    },
  ])('$name', ({ meta, opts, want }) => {
    expect(validateObjectMeta(meta as ObjectMeta, opts)).toEqual(want);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = {
    name: 'web',
    namespace: 'default',
    uid: 'u1',
    creationTimestamp: '2024-01-01T00:00:00Z' as never,
    generation: 2,
  };

  it.each([
    { name: 'unchanged', meta: { ...old }, want: [] },
    {
      name: 'renamed',
      meta: { ...old, name: 'other' },
      want: [
        { type: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: "other": field is immutable' },
      ],
    },
    { name: 'new uid', meta: { ...old, uid: 'u2' }, want: [expect.objectContaining({ field: 'metadata.uid' })] },
    {
      name: 'new creationTimestamp',
      meta: { ...old, creationTimestamp: '2025-01-01T00:00:00Z' as never },
      want: [expect.objectContaining({ field: 'metadata.creationTimestamp' })],
    },
    {
      name: 'moved',
      meta: { ...old, namespace: 'kube-system' },
      want: [expect.objectContaining({ field: 'metadata.namespace' })],
    },
    {
      name: 'generation decremented',
      meta: { ...old, generation: 1 },
      want: [
        {
          type: 'FieldValueInvalid',
          field: 'metadata.generation',
          message: 'Invalid value: 1: must not be decremented',
        },
      ],
    },
  ])('$name', ({ meta, want }) => {
    expect(validateObjectMetaUpdate(meta, old)).toEqual(want);
  });

  it('forbids new finalizers on an object being deleted', () => {
    const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z' as never, finalizers: ['a.io/x'] };
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'b.io/y'] }, deleting)).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'metadata.finalizers',
        message:
          'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
      },
    ]);
  });
});
