// Which candidate node to preempt on, as kube's pickOneNodeForPreemption: each criterion in turn
// keeps the best-scoring nodes, until one node is left or the criteria run out (then the first).
import { podPriority } from '../../framework/pod-priority';
import { podStartTime } from './pod-priority';
import type { Candidate } from './find-candidates';

// priority + 2^31 keeps every term of the sum non-negative, so a few pods of a negative priority
// never beat fewer pods of that same priority.
const PRIORITY_SHIFT = 2 ** 31;

/** The earliest start among the victims of the highest priority (victims are most important first). */
const earliestStartOfTopVictims = (c: Candidate, now: number): number => {
  const top = podPriority(c.victims[0]);
  return Math.min(...c.victims.filter((v) => podPriority(v) === top).map((v) => podStartTime(v, now)));
};

/** Higher is better. */
const criteria = (now: number): ((c: Candidate) => number)[] => [
  (c) => -c.numPDBViolations,
  (c) => -podPriority(c.victims[0]),
  (c) => -c.victims.reduce((sum, v) => sum + podPriority(v) + PRIORITY_SHIFT, 0),
  (c) => -c.victims.length,
  // Evicting pods that started later loses less work.
  (c) => earliestStartOfTopVictims(c, now),
];

export const pickOneNodeForPreemption = (candidates: readonly Candidate[], now: number): Candidate | undefined => {
  let remaining = [...candidates];
  for (const score of criteria(now)) {
    if (remaining.length <= 1) break;
    const scores = remaining.map(score);
    const best = Math.max(...scores);
    remaining = remaining.filter((_, i) => scores[i] === best);
  }
  return remaining[0];
};
