// metav1.Time's text: RFC 3339 in UTC, whole seconds, from a Date or epoch milliseconds.
import { metaTime } from './meta-time';

describe('metaTime', () => {
  it.each([
    { at: new Date('2026-01-01T00:00:00.999Z'), want: '2026-01-01T00:00:00Z' },
    { at: Date.parse('2026-11-25T20:45:07.123Z'), want: '2026-11-25T20:45:07Z' },
  ])('writes $at as $want', ({ at, want }) => {
    expect(metaTime(at)).toBe(want);
  });

  it('defaults to now', () => {
    expect(metaTime()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
