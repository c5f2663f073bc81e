import type { Namespace } from '@kubenest/api/core/types';
import { finalizeNamespace } from './finalize-namespace.step';

const ns = (finalizers?: string[]): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', deletionTimestamp: '2025-01-01T00:00:00Z' as never },
  spec: finalizers ? { finalizers } : {},
});

describe('finalizeNamespace', () => {
  it.each([
    { name: 'only kubernetes', finalizers: ['kubernetes'], written: [[]] },
    { name: 'kubernetes and another', finalizers: ['example.com/x', 'kubernetes'], written: [['example.com/x']] },
    { name: 'another only', finalizers: ['example.com/x'], written: [] },
    { name: 'none', finalizers: undefined, written: [] },
  ])('$name → writes $written', async ({ finalizers, written }) => {
    const writes: (string[] | undefined)[] = [];
    const finalize = async (_: string, mutate: (current: Namespace) => void) => {
      const current = ns(finalizers);
      mutate(current);
      writes.push(current.spec?.finalizers);
      return current;
    };
    await finalizeNamespace({ finalize })(ns(finalizers));
    expect(writes).toEqual(written);
  });
});
