// Scales raw scores into 0..MAX_NODE_SCORE against the highest one, as kube's
// DefaultNormalizeScore (integer division); reversed, fewer is better. All zero: every node gets
// 0, or MAX_NODE_SCORE when reversed.
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/plugin';

export const defaultNormalizeScore = (scores: NodeScore[], reverse: boolean): void => {
  const max = Math.max(0, ...scores.map((s) => s.score));
  for (const s of scores) {
    if (max === 0) {
      if (reverse) s.score = MAX_NODE_SCORE;
      continue;
    }
    const scaled = Math.trunc((MAX_NODE_SCORE * s.score) / max);
    s.score = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
};
