import { ObjectMemory } from './object-memory';

describe('ObjectMemory', () => {
  it('keeps what is set until deleted', () => {
    const memory = new ObjectMemory<number>(() => true);
    memory.set('a', 1);
    expect(memory.get('a')).toBe(1);
    expect(memory.delete('a')).toBe(true);
    expect(memory.delete('a')).toBe(false);
    expect(memory.get('a')).toBeUndefined();
  });

  it('forgets the entries of objects gone once it has doubled', () => {
    const live = new Set<string>();
    const memory = new ObjectMemory<number>((key) => live.has(key));
    for (let i = 0; i < 63; i++) memory.set(`gone-${i}`, i);
    expect(memory.size).toBe(63);
    live.add('kept');
    memory.set('kept', 1);
    expect(memory.size).toBe(1);
    expect(memory.get('kept')).toBe(1);
    // The next sweep waits for the memory to double again (64 at least).
    for (let i = 0; i < 62; i++) memory.set(`later-${i}`, i);
    expect(memory.size).toBe(63);
  });
});
