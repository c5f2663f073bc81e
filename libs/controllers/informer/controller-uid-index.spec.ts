import { KubeObject } from '@kubenest/apimachinery';
import { byControllerUid, CONTROLLER_UID_INDEX, controlledOrOrphans } from './controller-uid-index';
import { Indexer } from './indexer';

const ref = (uid: string, controller?: boolean) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: uid,
  uid,
  controller,
});

const obj = (name: string, namespace: string, ownerReferences?: ReturnType<typeof ref>[]): KubeObject => ({
  metadata: { name, namespace, uid: `uid-${name}`, ownerReferences },
});

const owner = (uid: string, namespace = 'ns'): KubeObject => ({ metadata: { name: uid, namespace, uid } });

const indexerOf = (...objs: KubeObject[]) => {
  const indexer = new Indexer();
  indexer.addIndexers({ [CONTROLLER_UID_INDEX]: byControllerUid });
  for (const o of objs) indexer.set(o);
  return indexer;
};

const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();

describe('controlledOrOrphans', () => {
  it.each([
    { case: 'what it controls', objs: [obj('a', 'ns', [ref('rs1', true)])], want: ['a'] },
    { case: 'not what another controls', objs: [obj('a', 'ns', [ref('rs2', true)])], want: [] },
    { case: 'an orphan of its namespace', objs: [obj('a', 'ns')], want: ['a'] },
    { case: 'not an orphan of another namespace', objs: [obj('a', 'other')], want: [] },
    { case: 'an object it owns without controlling is an orphan', objs: [obj('a', 'ns', [ref('rs1')])], want: ['a'] },
    {
      case: 'an object it owns but another controls is not',
      objs: [obj('a', 'ns', [ref('rs1'), ref('rs2', true)])],
      want: [],
    },
    { case: 'not what names it from another namespace', objs: [obj('a', 'other', [ref('rs1', true)])], want: [] },
    {
      case: 'a controller uid shaped like the orphan key is not an orphan of another namespace',
      objs: [obj('a', 'other', [ref('orphans/ns', true)])],
      want: [],
    },
    {
      case: 'a controller uid shaped like its own orphan key is not an orphan',
      objs: [obj('a', 'ns', [ref('orphans/ns', true)])],
      want: [],
    },
  ])('$case', ({ objs, want }) => {
    expect(names(controlledOrOrphans(indexerOf(...objs), owner('rs1')))).toEqual(want);
  });

  it('follows adoption and release: the object moves between the orphans and its controller', () => {
    const indexer = indexerOf(obj('a', 'ns'));
    indexer.set(obj('a', 'ns', [ref('rs2', true)]));
    expect(names(controlledOrOrphans(indexer, owner('rs1')))).toEqual([]);
    expect(names(controlledOrOrphans(indexer, owner('rs2')))).toEqual(['a']);
    indexer.set(obj('a', 'ns', []));
    expect(names(controlledOrOrphans(indexer, owner('rs1')))).toEqual(['a']);
    indexer.remove('ns/a');
    expect(names(controlledOrOrphans(indexer, owner('rs2')))).toEqual([]);
  });
});
