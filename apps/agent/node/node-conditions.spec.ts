import { metaTime } from '@kubenest/apimachinery';
import { nodeConditions, NO_PRESSURE } from './node-conditions';
import { pressureFrom } from './pressure-signals';

const t0 = Date.parse('2026-01-01T00:00:00Z');
const t1 = t0 + 10_000;

describe('nodeConditions', () => {
  it('keeps the transition time while a status holds and moves it when it flips', () => {
    const first = nodeConditions(NO_PRESSURE, [], t0);
    const second = nodeConditions({ ...NO_PRESSURE, memory: true }, first, t1);
    const byType = Object.fromEntries(second.map((c) => [c.type, c]));
    expect(byType.Ready).toMatchObject({
      status: 'True',
      lastHeartbeatTime: metaTime(t1),
      lastTransitionTime: metaTime(t0),
    });
    expect(byType.MemoryPressure).toMatchObject({
      status: 'True',
      reason: 'KubeletHasInsufficientMemory',
      lastHeartbeatTime: metaTime(t1),
      lastTransitionTime: metaTime(t1),
    });
  });

  it('writes RFC 3339 times to the second', () => expect(metaTime(t0 + 123)).toBe('2026-01-01T00:00:00Z'));

  it.each([
    { free: 50 * 1024 ** 2, disk: 0.5, want: { memory: true, disk: false, pid: false } },
    { free: 500 * 1024 ** 2, disk: 0.05, want: { memory: false, disk: true, pid: false } },
    { free: 500 * 1024 ** 2, disk: 0.5, want: NO_PRESSURE },
  ])('reads pressure from $free bytes free and $disk of the disk available', ({ free, disk, want }) => {
    expect(pressureFrom({ freeMemoryBytes: free, diskAvailableFraction: disk })).toEqual(want);
  });
});
