// Group commit's in-memory decisions: order, preconditions, per-key final state.
import { KeyValue } from './store';
import { planWriteBatch, WriteOp } from './write-batch';

const kv = (key: string, value: string, createRevision: number, modRevision: number): KeyValue => ({
  key,
  value,
  createRevision,
  modRevision,
});

describe('planWriteBatch', () => {
  it.each<{ name: string; current: KeyValue[]; ops: WriteOp[]; want: (string | number)[] }>([
    { name: 'create of a new key', current: [], ops: [{ type: 'create', key: 'a', value: '1' }], want: [11] },
    {
      name: 'create of an existing key',
      current: [kv('a', '1', 3, 5)],
      ops: [{ type: 'create', key: 'a', value: '2' }],
      want: ['exists'],
    },
    {
      name: 'update without precondition',
      current: [kv('a', '1', 3, 5)],
      ops: [{ type: 'update', key: 'a', value: '2', preconditions: {} }],
      want: [11],
    },
    {
      name: 'update at the right revision',
      current: [kv('a', '1', 3, 5)],
      ops: [{ type: 'update', key: 'a', value: '2', preconditions: { modRevision: 5 } }],
      want: [11],
    },
    {
      name: 'update at a stale revision',
      current: [kv('a', '1', 3, 5)],
      ops: [{ type: 'update', key: 'a', value: '2', preconditions: { modRevision: 4 } }],
      want: ['conflict'],
    },
    {
      name: 'update of a missing key',
      current: [],
      ops: [{ type: 'update', key: 'a', value: '2', preconditions: {} }],
      want: ['not-found'],
    },
    {
      name: 'delete of a missing key',
      current: [],
      ops: [{ type: 'delete', key: 'a', preconditions: {} }],
      want: ['not-found'],
    },
    {
      name: 'ops on one key see each other',
      current: [],
      ops: [
        { type: 'create', key: 'a', value: '1' },
        { type: 'create', key: 'a', value: 'again' },
        { type: 'update', key: 'a', value: '2', preconditions: { modRevision: 11 } },
        { type: 'delete', key: 'a', preconditions: { modRevision: 12 } },
        { type: 'update', key: 'a', value: '3', preconditions: {} },
      ],
      want: [11, 'exists', 12, 13, 'not-found'],
    },
  ])('$name', ({ current, ops, want }) => {
    const plan = planWriteBatch(ops, new Map(current.map((c) => [c.key, c])), 10);
    expect(plan.outcomes.map((o) => (o.ok ? o.value.modRevision : o.error.code))).toEqual(want);
    expect(plan.revision).toBe(10 + plan.records.length);
  });

  it('records history with previous revisions and marks each key’s last write final', () => {
    const plan = planWriteBatch(
      [
        { type: 'update', key: 'a', value: '2', preconditions: {} },
        { type: 'create', key: 'b', value: 'b' },
        { type: 'delete', key: 'a', preconditions: {} },
      ],
      new Map([['a', kv('a', '1', 3, 5)]]),
      10,
    );
    expect(plan.records).toEqual([
      { revision: 11, key: 'a', value: '2', create_revision: 3, prev_revision: 5, deleted: false, final: false },
      { revision: 12, key: 'b', value: 'b', create_revision: 12, prev_revision: null, deleted: false, final: true },
      { revision: 13, key: 'a', value: '2', create_revision: 3, prev_revision: 11, deleted: true, final: true },
    ]);
    expect(plan.outcomes[2]).toEqual({ ok: true, value: kv('a', '2', 3, 13) });
  });

  it('consumes no revision when every write fails', () => {
    const plan = planWriteBatch([{ type: 'delete', key: 'x', preconditions: {} }], new Map(), 10);
    expect(plan).toMatchObject({ records: [], revision: 10 });
  });
});
