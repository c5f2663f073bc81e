import { unknownConditions } from './node-conditions';
import { node } from './testing-nodes';

const NOW = '2026-01-01T01:00:00Z';

describe('unknownConditions', () => {
  it('turns Ready and the pressure conditions Unknown, keeping the heartbeat; others are left alone', () => {
    const n = node('n1', 'True');
    n.status!.conditions!.push(
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: 'h', lastTransitionTime: 't' },
      { type: 'NetworkUnavailable', status: 'False', lastHeartbeatTime: 'h', lastTransitionTime: 't' },
    );
    const conditions = unknownConditions(n, NOW)!;
    expect(conditions.find((c) => c.type === 'Ready')).toEqual({
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastHeartbeatTime: '2026-01-01T00:00:10Z',
      lastTransitionTime: NOW,
    });
    expect(conditions.find((c) => c.type === 'MemoryPressure')).toMatchObject({
      status: 'Unknown',
      lastHeartbeatTime: 'h',
    });
    expect(conditions.find((c) => c.type === 'NetworkUnavailable')).toMatchObject({ status: 'False' });
    expect(conditions.find((c) => c.type === 'DiskPressure')).toEqual({
      type: 'DiskPressure',
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      lastHeartbeatTime: '2026-01-01T00:00:00Z',
      lastTransitionTime: NOW,
    });
  });

  it('adds a Ready condition a node never posted', () => {
    expect(unknownConditions(node('n1'), NOW)!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
    });
  });

  it('answers undefined once every condition is Unknown', () => {
    const once = node('n1', 'False');
    once.status!.conditions = unknownConditions(once, NOW);
    expect(unknownConditions(once, '2026-01-01T02:00:00Z')).toBeUndefined();
  });
});
