import {
  garbageCollectionFinalizers,
  GarbageCollectionPolicy,
  PropagationOptions,
  validateDeleteOptions,
} from './deletion-propagation';

describe('validateDeleteOptions', () => {
  it.each<[string, PropagationOptions, string[]]>([
    ['no options', {}, []],
    ['each known policy', { propagationPolicy: 'Foreground' }, []],
    ['orphanDependents alone', { orphanDependents: true }, []],
    [
      'an unknown policy',
      { propagationPolicy: 'Sometimes' },
      ['Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"'],
    ],
    [
      'both orphanDependents and a policy',
      { propagationPolicy: 'Orphan', orphanDependents: false },
      ['Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set'],
    ],
  ])('%s', (_, options, messages) => {
    const errors = validateDeleteOptions(options);
    expect(errors.map((e) => e.message)).toEqual(messages);
    for (const e of errors) expect(e.field).toBe('propagationPolicy');
  });
});

describe('garbageCollectionFinalizers', () => {
  it.each<[string, string[] | undefined, GarbageCollectionPolicy, PropagationOptions, string[] | undefined]>([
    ['background by default: nothing to add', undefined, 'DeleteDependents', {}, undefined],
    [
      'Foreground adds foregroundDeletion',
      undefined,
      'DeleteDependents',
      { propagationPolicy: 'Foreground' },
      ['foregroundDeletion'],
    ],
    [
      'Orphan adds orphan after the others',
      ['a/b'],
      'DeleteDependents',
      { propagationPolicy: 'Orphan' },
      ['a/b', 'orphan'],
    ],
    ['orphanDependents=true orphans', undefined, 'DeleteDependents', { orphanDependents: true }, ['orphan']],
    [
      'orphanDependents=false drops an orphan finalizer',
      ['orphan'],
      'DeleteDependents',
      { orphanDependents: false },
      [],
    ],
    ['the kind default orphans (a ReplicationController)', undefined, 'OrphanDependents', {}, ['orphan']],
    [
      'Background overrides the kind default',
      undefined,
      'OrphanDependents',
      { propagationPolicy: 'Background' },
      undefined,
    ],
    ['a finalizer already set stands for the policy', ['foregroundDeletion'], 'OrphanDependents', {}, undefined],
    [
      'a new policy replaces the old finalizer',
      ['orphan', 'x/y'],
      'DeleteDependents',
      { propagationPolicy: 'Foreground' },
      ['x/y', 'foregroundDeletion'],
    ],
    ['Unsupported never sets one', undefined, 'Unsupported', { propagationPolicy: 'Foreground' }, undefined],
    ['Unsupported drops one already there', ['orphan'], 'Unsupported', {}, []],
    ['an unknown policy counts as none', undefined, 'DeleteDependents', { propagationPolicy: 'Sometimes' }, undefined],
  ])('%s', (_, finalizers, policy, options, expected) => {
    expect(garbageCollectionFinalizers(finalizers, policy, options)).toEqual(expected);
  });
});
