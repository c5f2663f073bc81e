// Nodes and pods for this folder's tests.
import type { Node, Pod } from '@kubenest/api/core/types';
import type { Taint } from '@kubenest/api/core/tolerations';

export const node = (
  name: string,
  ready?: 'True' | 'False' | 'Unknown',
  over: { taints?: Taint[]; labels?: Record<string, string>; unschedulable?: boolean; heartbeat?: string } = {},
): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', labels: over.labels },
  spec: { taints: over.taints, unschedulable: over.unschedulable },
  status: {
    conditions: ready
      ? [
          {
            type: 'Ready',
            status: ready,
            reason: 'KubeletReady',
            lastHeartbeatTime: over.heartbeat ?? '2026-01-01T00:00:10Z',
            lastTransitionTime: '2026-01-01T00:00:10Z',
          },
        ]
      : [],
  },
});

export const pod = (name: string, nodeName: string, ready: 'True' | 'False' = 'True'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'ns', name, uid: `uid-${name}` },
  spec: { nodeName, containers: [] },
  status: { conditions: [{ type: 'Ready', status: ready, lastTransitionTime: '2026-01-01T00:00:00Z' }] },
});
