// Group commit's pure half: statements on distinct keys, the JSON they carry, and each op's
// outcome and watch event read back from the row PostgreSQL decided.
import { AppliedOpRow } from './rows';
import { splitByKey, WriteOp, writeOpsJson, writeOpValues, writeOutcome } from './write-batch';

const row = (revision: number | null, cur?: { create: number; mod: number; value?: string }): AppliedOpRow => ({
  i: 0,
  revision: revision === null ? null : String(revision),
  cur_create: cur ? String(cur.create) : null,
  cur_mod: cur ? String(cur.mod) : null,
  cur_value: cur?.value ?? null,
});

describe('splitByKey', () => {
  it.each([
    { name: 'nothing', keys: [], want: [] },
    { name: 'distinct keys in one run', keys: ['a', 'b', 'c'], want: [['a', 'b', 'c']] },
    {
      name: 'a repeated key starts a run',
      keys: ['a', 'b', 'a', 'c'],
      want: [
        ['a', 'b'],
        ['a', 'c'],
      ],
    },
    { name: 'one key many times', keys: ['a', 'a', 'a'], want: [['a'], ['a'], ['a']] },
    {
      name: 'order is kept',
      keys: ['a', 'b', 'b', 'a', 'c'],
      want: [
        ['a', 'b'],
        ['b', 'a', 'c'],
      ],
    },
  ])('$name', ({ keys, want }) => {
    expect(splitByKey(keys, (k) => k)).toEqual(want);
  });
});

describe('writeOpsJson', () => {
  it('numbers the ops and carries only what each type needs, the values apart', () => {
    const ops: WriteOp[] = [
      { type: 'create', key: 'a', value: '{"x":"\'"}' },
      { type: 'update', key: 'b', value: '2', preconditions: { modRevision: 7 } },
      { type: 'update', key: 'c', value: '3', preconditions: {} },
      { type: 'delete', key: 'd', preconditions: {} },
    ];
    expect(JSON.parse(writeOpsJson(ops))).toEqual([
      { i: 0, t: 'create', k: 'a' },
      { i: 1, t: 'update', k: 'b', p: 7 },
      { i: 2, t: 'update', k: 'c' },
      { i: 3, t: 'delete', k: 'd' },
    ]);
    expect(writeOpValues(ops)).toEqual(['{"x":"\'"}', '2', '3', undefined]);
  });
});

describe('writeOutcome', () => {
  const create: WriteOp = { type: 'create', key: 'k', value: 'new' };
  const update: WriteOp = { type: 'update', key: 'k', value: 'new', preconditions: { modRevision: 5 } };
  const remove: WriteOp = { type: 'delete', key: 'k', preconditions: {} };

  it.each([
    { name: 'create of an existing key', op: create, row: row(null, { create: 3, mod: 5 }), code: 'exists', mod: 5 },
    { name: 'update of a missing key', op: update, row: row(null), code: 'not-found', mod: undefined },
    { name: 'update at a stale revision', op: update, row: row(null, { create: 3, mod: 6 }), code: 'conflict', mod: 6 },
    { name: 'delete of a missing key', op: remove, row: row(null), code: 'not-found', mod: undefined },
  ])('fails $name with $code', ({ op, row: r, code, mod }) => {
    const outcome = writeOutcome(op, r);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toMatchObject({
      code,
      key: 'k',
      current: mod === undefined ? undefined : { modRevision: mod },
    });
  });

  it.each([
    {
      name: 'create',
      op: create,
      row: row(11),
      value: { key: 'k', value: 'new', createRevision: 11, modRevision: 11 },
      event: { type: 'put', key: 'k', value: 'new', revision: 11, createRevision: 11 },
    },
    {
      name: 'update',
      op: update,
      row: row(11, { create: 3, mod: 5, value: 'old' }),
      value: { key: 'k', value: 'new', createRevision: 3, modRevision: 11 },
      event: {
        type: 'put',
        key: 'k',
        value: 'new',
        prevValue: 'old',
        revision: 11,
        createRevision: 3,
        prevRevision: 5,
      },
    },
    {
      name: 'delete',
      op: remove,
      row: row(11, { create: 3, mod: 5, value: 'old' }),
      value: { key: 'k', value: 'old', createRevision: 3, modRevision: 11 },
      event: {
        type: 'delete',
        key: 'k',
        value: 'old',
        prevValue: 'old',
        revision: 11,
        createRevision: 3,
        prevRevision: 5,
      },
    },
  ])('returns the KeyValue and the event of a successful $name', ({ op, row: r, value, event }) => {
    expect(writeOutcome(op, r)).toEqual({ ok: true, value, event });
  });
});
