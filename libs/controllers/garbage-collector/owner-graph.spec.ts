import { KubeObject } from '@kubenest/apimachinery';
import { ObjectIdentity, OwnerReference } from './object-identity';
import { GraphEvent, GraphListener, GraphNode, OwnerGraph, partitionDependents, referencesDiff } from './owner-graph';

interface Obj {
  name: string;
  uid: string;
  kind?: string;
  namespace?: string;
  owners?: OwnerReference[];
  deleting?: boolean;
  finalizers?: string[];
}

const ref = (kind: string, name: string, uid: string, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: 'v1',
  kind,
  name,
  uid,
  ...extra,
});

const object = (o: Obj): KubeObject => ({
  metadata: {
    name: o.name,
    uid: o.uid,
    namespace: o.namespace === '' ? undefined : (o.namespace ?? 'ns'),
    ownerReferences: o.owners,
    finalizers: o.finalizers,
    deletionTimestamp: o.deleting ? ('2026-12-07T05:00:00Z' as never) : undefined,
  },
});

const identity = (o: Obj): ObjectIdentity => ({
  apiVersion: 'v1',
  kind: o.kind ?? 'ConfigMap',
  name: o.name,
  uid: o.uid,
  namespace: o.namespace ?? 'ns',
});

const add = (o: Obj): GraphEvent => ({ type: 'add', identity: identity(o), object: object(o) });
const update = (old: Obj, o: Obj): GraphEvent => ({
  type: 'update',
  identity: identity(o),
  object: object(o),
  old: object(old),
});
const remove = (o: Obj): GraphEvent => ({ type: 'delete', identity: identity(o), object: object(o) });

const setup = () => {
  const calls: string[] = [];
  const listener: GraphListener = {
    attemptToDelete: (n, rateLimited) => calls.push(`delete ${n.identity.name}${rateLimited ? ' (later)' : ''}`),
    attemptToOrphan: (n) => calls.push(`orphan ${n.identity.name}`),
    invalidNamespaceOwnerRef: (dep, r) => calls.push(`invalid ${dep.identity.name} -> ${r.name}`),
  };
  const graph = new OwnerGraph(listener);
  const run = (...events: GraphEvent[]) => {
    calls.length = 0;
    for (const e of events) graph.process(e);
    return [...calls];
  };
  const dependentsOf = (uid: string) => [...(graph.node(uid)?.dependents ?? [])].map((d) => d.identity.name).sort();
  return { graph, run, dependentsOf };
};

const owner: Obj = { name: 'owner', uid: 'o1' };
const child: Obj = { name: 'child', uid: 'c1', owners: [ref('ConfigMap', 'owner', 'o1')] };

describe('OwnerGraph', () => {
  describe('building from events in any order', () => {
    it('an owner seen first, then its dependent: no look at anything', () => {
      const { run, graph, dependentsOf } = setup();
      expect(run(add(owner), add(child))).toEqual([]);
      expect(dependentsOf('o1')).toEqual(['child']);
      expect(graph.node('o1')!.observed).toBe(true);
    });

    it('a dependent seen first makes a virtual owner, looked at once; the owner seen later is observed', () => {
      const { run, graph, dependentsOf } = setup();
      expect(run(add(child))).toEqual(['delete owner']);
      expect(graph.node('o1')).toMatchObject({ observed: false, identity: identity(owner) });
      expect(run(add(owner))).toEqual([]);
      expect(graph.node('o1')!.observed).toBe(true);
      expect(dependentsOf('o1')).toEqual(['child']);
    });

    it('a virtual owner observed with other coordinates sends the disagreeing dependents for a look', () => {
      const { run, graph } = setup();
      run(add(child));
      expect(run(add({ ...owner, kind: 'Secret' }))).toEqual(['delete child']);
      expect(graph.node('o1')!.identity.kind).toBe('Secret');
    });

    it('a virtual owner observed in another namespace reports the dependent', () => {
      const { run } = setup();
      run(add(child));
      expect(run(add({ ...owner, namespace: 'other' }))).toEqual(['invalid child -> owner', 'delete child']);
    });

    it('a dependent naming an observed owner of another namespace is reported and looked at', () => {
      const { run } = setup();
      run(add({ ...owner, namespace: 'other' }));
      expect(run(add(child))).toEqual(['invalid child -> owner', 'delete child']);
    });

    it('a namespaced dependent may name a cluster-scoped owner', () => {
      const { run } = setup();
      const node = { name: 'n1', uid: 'n1', kind: 'Node', namespace: '' };
      run(add(node));
      expect(run(add({ name: 'lease', uid: 'l1', owners: [ref('Node', 'n1', 'n1')] }))).toEqual([]);
    });

    it('a dependent with a reference whose coordinates differ from the observed owner is looked at', () => {
      const { run } = setup();
      run(add(owner));
      expect(run(add({ ...child, owners: [ref('Secret', 'owner', 'o1')] }))).toEqual(['delete child']);
    });

    it('references added and removed by an update move the dependent between owners', () => {
      const { run, dependentsOf } = setup();
      run(add(owner), add({ name: 'b', uid: 'o2' }), add(child));
      const moved = { ...child, owners: [ref('ConfigMap', 'b', 'o2')] };
      expect(run(update(child, moved))).toEqual([]);
      expect(dependentsOf('o1')).toEqual([]);
      expect(dependentsOf('o2')).toEqual(['child']);
    });
  });

  describe('deletions', () => {
    it("an owner's delete sends its dependents for a look and marks it absent", () => {
      const { run, graph } = setup();
      run(add(owner), add(child));
      expect(run(remove(owner))).toEqual(['delete child']);
      expect(graph.node('o1')).toBeUndefined();
      expect(graph.absentOwners.has(identity(owner))).toBe(true);
    });

    it("a dependent's delete leaves the owner, and sends it for a look when it waits on its dependents", () => {
      const { run, dependentsOf } = setup();
      const waiting = { ...owner, deleting: true, finalizers: ['foregroundDeletion'] };
      run(add(waiting), add(child));
      expect(run(remove(child))).toEqual(['delete owner']);
      expect(dependentsOf('o1')).toEqual([]);
    });

    it('a virtual delete removes a virtual owner all dependents agree on', () => {
      const { run, graph } = setup();
      run(add(child));
      expect(run({ type: 'delete', identity: identity(owner), virtual: true })).toEqual(['delete child']);
      expect(graph.node('o1')).toBeUndefined();
    });

    it('a virtual delete keeps a virtual owner some dependents name otherwise, and tries their name next', () => {
      const { run, graph } = setup();
      const other = { name: 'other', uid: 'c2', owners: [ref('Secret', 'owner', 'o1')] };
      run(add(child), add(other));
      expect(run({ type: 'delete', identity: identity(owner), virtual: true })).toEqual([
        'delete child',
        'delete owner (later)',
      ]);
      expect(graph.node('o1')!.identity.kind).toBe('Secret');
      expect(graph.absentOwners.has(identity(owner))).toBe(true);
    });

    it('a virtual delete of other coordinates keeps an observed node', () => {
      const { run, graph } = setup();
      run(add(owner));
      expect(run({ type: 'delete', identity: { ...identity(owner), kind: 'Secret' }, virtual: true })).toEqual([]);
      expect(graph.node('o1')).toBeDefined();
    });

    it('a delete of something never seen changes nothing', () => {
      const { run, graph } = setup();
      expect(run(remove(owner))).toEqual([]);
      expect(graph.size).toBe(0);
    });
  });

  describe('transitions', () => {
    it.each<[string, Obj | undefined, Obj, string[]]>([
      ['orphan starts', owner, { ...owner, deleting: true, finalizers: ['orphan'] }, ['orphan owner']],
      [
        'foreground starts',
        owner,
        { ...owner, deleting: true, finalizers: ['foregroundDeletion'] },
        ['delete child', 'delete owner'],
      ],
      [
        'a resync of a foreground deletion',
        { ...owner, deleting: true, finalizers: ['foregroundDeletion'] },
        { ...owner, deleting: true, finalizers: ['foregroundDeletion'] },
        [],
      ],
      ['a deletion with another finalizer', owner, { ...owner, deleting: true, finalizers: ['example.com/x'] }, []],
    ])('%s', (_, before, after, expected) => {
      const { run, graph } = setup();
      run(add(before!), add(child));
      expect(run(update(before!, after))).toEqual(expected);
      expect(graph.node('o1')!.beingDeleted).toBe(!!after.deleting);
    });

    it('an object first seen already deleting in the foreground is handled as it starts', () => {
      const { run, graph } = setup();
      run(add(child));
      expect(run(add({ ...owner, deleting: true, finalizers: ['foregroundDeletion'] }))).toEqual([
        'delete child',
        'delete owner',
      ]);
      expect(graph.node('o1')!.deletingDependents).toBe(true);
    });
  });

  describe('blockOwnerDeletion', () => {
    const blocking = { ...child, owners: [ref('ConfigMap', 'owner', 'o1', { blockOwnerDeletion: true })] };

    it('counts only dependents whose reference blocks', () => {
      const { run, graph } = setup();
      run(add(owner), add(blocking), add({ name: 'free', uid: 'c2', owners: [ref('ConfigMap', 'owner', 'o1')] }));
      expect(graph.blockingDependents(graph.node('o1')!).map((d) => d.identity.name)).toEqual(['child']);
    });

    it.each<[string, OwnerReference[]]>([
      ['removed', []],
      ['made non-blocking', [ref('ConfigMap', 'owner', 'o1', { blockOwnerDeletion: false })]],
    ])('a blocking reference %s sends the owner for a look', (_, owners) => {
      const { run } = setup();
      run(add(owner), add(blocking));
      expect(run(update(blocking, { ...blocking, owners }))).toEqual(['delete owner']);
    });
  });

  it('owners in a cycle are all built without a loop', () => {
    const { run, dependentsOf } = setup();
    const a = { name: 'a', uid: 'a', owners: [ref('ConfigMap', 'b', 'b')] };
    const b = { name: 'b', uid: 'b', owners: [ref('ConfigMap', 'a', 'a')] };
    run(add(a), add(b), remove(a));
    expect(dependentsOf('b')).toEqual([]);
    expect(dependentsOf('a')).toEqual([]);
  });
});

describe('referencesDiff', () => {
  it('tells added, removed and changed references apart by UID', () => {
    const a = ref('ConfigMap', 'a', '1');
    const b = ref('ConfigMap', 'b', '2');
    const c = ref('ConfigMap', 'c', '3');
    const b2 = { ...b, controller: true };
    expect(referencesDiff([a, b], [b2, c])).toEqual({ added: [c], removed: [a], changed: [{ old: b, next: b2 }] });
  });
});

describe('partitionDependents', () => {
  const node = (name: string, namespace: string, owners: OwnerReference[]): GraphNode => ({
    identity: { ...identity({ name, uid: name }), namespace },
    owners,
    dependents: new Set(),
    observed: true,
    beingDeleted: false,
    deletingDependents: false,
  });

  it('matches by coordinates; a namespaced owner never matches another namespace', () => {
    const same = node('same', 'ns', [ref('ConfigMap', 'owner', 'o1')]);
    const kind = node('kind', 'ns', [ref('Secret', 'owner', 'o1')]);
    const elsewhere = node('elsewhere', 'other', [ref('ConfigMap', 'owner', 'o1')]);
    const both = node('both', 'ns', [ref('ConfigMap', 'owner', 'o1'), ref('Secret', 'owner', 'o1')]);
    const { matching, nonMatching } = partitionDependents([same, kind, elsewhere, both], identity(owner));
    expect(matching.map((n) => n.identity.name)).toEqual(['same', 'both']);
    expect(nonMatching.map((n) => n.identity.name)).toEqual(['kind', 'elsewhere', 'both']);
  });
});
