// The node with the highest total score; among equals, each has the same chance, as
// kube-scheduler's selectHost (reservoir sampling, one pass).
import type { NodeScore } from '../framework';

export const selectHost = (scores: readonly NodeScore[], random: () => number = Math.random): string => {
  if (!scores.length) throw new Error('empty priorityList');
  let selected = scores[0];
  let ties = 1;
  for (let i = 1; i < scores.length; i++) {
    const s = scores[i];
    if (s.score > selected.score) {
      selected = s;
      ties = 1;
    } else if (s.score === selected.score) {
      ties++;
      if (Math.floor(random() * ties) === 0) selected = s;
    }
  }
  return selected.name;
};
