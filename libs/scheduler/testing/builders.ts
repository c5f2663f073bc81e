// Terse pods and nodes for the scheduler's unit tests: only what a case is about is spelled out.
import type { Node, Pod } from '@kubenest/api/core/types';

export interface PodOptions {
  namespace?: string;
  uid?: string;
  nodeName?: string;
  schedulerName?: string;
  priority?: number;
  labels?: Record<string, string>;
  /** Container requests, e.g. { cpu: '500m', memory: '1Gi' }. */
  requests?: Record<string, string>;
  nominatedNodeName?: string;
  schedulingGates?: string[];
  deleting?: boolean;
  spec?: Partial<NonNullable<Pod['spec']>>;
}

export const makePod = (name: string, o: PodOptions = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: o.namespace ?? 'default',
    uid: o.uid ?? `uid-${name}`,
    resourceVersion: '1',
    labels: o.labels,
    ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
  },
  spec: {
    containers: [{ name: 'c', image: 'busybox', resources: o.requests ? { requests: o.requests } : undefined }],
    schedulerName: o.schedulerName ?? 'default-scheduler',
    ...(o.nodeName ? { nodeName: o.nodeName } : {}),
    ...(o.priority !== undefined ? { priority: o.priority } : {}),
    ...(o.schedulingGates ? { schedulingGates: o.schedulingGates.map((g) => ({ name: g })) } : {}),
    ...o.spec,
  },
  status: { phase: 'Pending', ...(o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {}) },
});

export interface NodeOptions {
  labels?: Record<string, string>;
  /** Allocatable, e.g. { cpu: '4', memory: '8Gi', pods: '110' }. */
  allocatable?: Record<string, string>;
  taints?: NonNullable<Node['spec']>['taints'];
  unschedulable?: boolean;
  ready?: 'True' | 'False' | 'Unknown';
}

export const makeNode = (name: string, o: NodeOptions = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    uid: `uid-node-${name}`,
    resourceVersion: '1',
    labels: { 'kubernetes.io/hostname': name, ...o.labels },
  },
  spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
  status: {
    allocatable: o.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110' },
    capacity: o.allocatable ?? { cpu: '4', memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: o.ready ?? 'True' }],
  },
});
