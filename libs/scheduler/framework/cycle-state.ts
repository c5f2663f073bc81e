// What plugins compute for one pod in one scheduling cycle and hand on to their later hooks, as
// kube-scheduler's CycleState. Preemption tries nodes on copies, so a value that a plugin's
// addPod/removePod changes must be cloneable.
import type { SignatureAnswers } from './node-local-memo';

export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** Plugins whose preFilter answered Skip: their filter is not run this cycle. */
  readonly skipFilterPlugins = new Set<string>();
  /** Plugins whose preScore answered Skip: their score is not run this cycle. */
  readonly skipScorePlugins = new Set<string>();
  /** The node-local plugins' answers for this pod's signature; unset when the pod cannot be signed. */
  nodeLocalAnswers?: SignatureAnswers;

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const copy = new CycleState();
    for (const [k, v] of this.data) copy.data.set(k, v.clone());
    for (const p of this.skipFilterPlugins) copy.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) copy.skipScorePlugins.add(p);
    copy.nodeLocalAnswers = this.nodeLocalAnswers;
    return copy;
  }
}
