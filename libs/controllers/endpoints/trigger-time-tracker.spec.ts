import type { Pod, Service } from '@kubenest/api/core/types';
import { TriggerTimeTracker } from './trigger-time-tracker';

const svc: Service = { metadata: { namespace: 'ns', name: 'web', creationTimestamp: '2026-01-01T00:00:00Z' } };

const pod = (name: string, readySince?: string): Pod => ({
  metadata: { namespace: 'ns', name },
  status: readySince ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] } : {},
});

describe('TriggerTimeTracker', () => {
  it('reports the earliest change since the previous sync of the Service', () => {
    const tracker = new TriggerTimeTracker();
    // First sync: the Service itself is new, and earlier than its pods.
    expect(tracker.compute(svc, [pod('a', '2026-01-01T00:00:10Z')])).toBe('2026-01-01T00:00:00Z');
    // Nothing changed.
    expect(tracker.compute(svc, [pod('a', '2026-01-01T00:00:10Z')])).toBeUndefined();
    // Two pods changed: the earlier one.
    expect(tracker.compute(svc, [pod('a', '2026-01-01T00:00:30Z'), pod('b', '2026-01-01T00:00:20Z')])).toBe(
      '2026-01-01T00:00:20Z',
    );
    // A pod without a Ready condition carries no time; a pod gone is no change with a time.
    expect(tracker.compute(svc, [pod('a', '2026-01-01T00:00:30Z'), pod('c')])).toBeUndefined();
  });

  it('starts over for a Service it was told is gone', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute(svc, []);
    tracker.delete('ns', 'web');
    expect(tracker.compute(svc, [])).toBe('2026-01-01T00:00:00Z');
  });
});
