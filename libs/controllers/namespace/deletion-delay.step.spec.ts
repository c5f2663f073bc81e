import type { Namespace } from '@kubenest/api/core/types';
import { waitDeletionDelay } from './deletion-delay.step';

const ns = (deletionTimestamp?: string): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', ...(deletionTimestamp ? { deletionTimestamp: deletionTimestamp as never } : {}) },
});

describe('waitDeletionDelay', () => {
  const now = () => new Date('2025-01-01T00:00:10Z');
  it.each([
    { name: 'not being deleted', ns: ns(), want: { stop: true } },
    { name: 'deleted just now', ns: ns('2025-01-01T00:00:10Z'), want: { stop: true, requeueAfterMs: 5_000 } },
    { name: 'deleted 2 s ago', ns: ns('2025-01-01T00:00:08Z'), want: { stop: true, requeueAfterMs: 3_000 } },
    { name: 'deleted exactly the delay ago', ns: ns('2025-01-01T00:00:05Z'), want: {} },
    { name: 'deleted long ago', ns: ns('2025-01-01T00:00:00Z'), want: {} },
  ])('$name', async (c) => {
    expect(await waitDeletionDelay({ delayMs: 5_000, now })(c.ns)).toEqual(c.want);
  });
});
