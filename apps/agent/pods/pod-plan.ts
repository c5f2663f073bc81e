// The pod worker's decision: which containers to start now, init containers one at a time in
// order and then every container, by restartPolicy and backoff; and when to look again.
import { ContainerRecord, neverTried } from './container-record';
import type { Container } from './pod-types';

export interface PodPlan {
  start: string[];
  /** Containers that ran, stopped and wait out their restart backoff (kubelet's BackOff event). */
  backingOff: string[];
  /** The earliest backoff end still ahead. */
  wakeAt?: number;
  /** An init container failed and restartPolicy is Never: the pod has failed. */
  initFailed: boolean;
  initDone: boolean;
}

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** Whether a stopped container starts again, once its backoff allows. */
export function wantsRestart(r: ContainerRecord, policy: RestartPolicy): boolean {
  if (r.running) return false;
  if (r.startError) return true;
  if (!r.terminated) return false;
  return policy === 'Always' || (policy === 'OnFailure' && r.terminated.exitCode !== 0);
}

export function planPod(
  spec: { initContainers?: Container[]; containers: Container[]; restartPolicy?: string },
  records: Map<string, ContainerRecord>,
  now: number,
): PodPlan {
  const policy = (spec.restartPolicy ?? 'Always') as RestartPolicy;
  const record = (c: Container) => records.get(c.name)!;
  const due = (r: ContainerRecord) => (r.restartAt ?? 0) <= now;
  const waiting: PodPlan = { start: [], backingOff: [], initFailed: false, initDone: false };
  for (const c of spec.initContainers ?? []) {
    const r = record(c);
    if (r.terminated?.exitCode === 0 && !r.running) continue;
    if (r.running) return waiting;
    if (neverTried(r)) return { ...waiting, start: [c.name] };
    // An init container must succeed: Always restarts it like OnFailure.
    if (!r.startError && policy === 'Never') return { ...waiting, initFailed: true };
    if (due(r)) return { ...waiting, start: [c.name] };
    return { ...waiting, wakeAt: r.restartAt, backingOff: r.terminated ? [c.name] : [] };
  }
  const plan: PodPlan = { start: [], backingOff: [], initFailed: false, initDone: true };
  for (const c of spec.containers) {
    const r = record(c);
    if (neverTried(r)) plan.start.push(c.name);
    else if (wantsRestart(r, policy)) {
      if (due(r)) plan.start.push(c.name);
      else {
        plan.wakeAt = Math.min(plan.wakeAt ?? Infinity, r.restartAt!);
        if (r.terminated) plan.backingOff.push(c.name);
      }
    }
  }
  return plan;
}
