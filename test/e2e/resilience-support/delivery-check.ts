// Compares what a watch delivered with the writes the server acknowledged: every acknowledged
// change exactly once and in order, nothing else but writes whose outcome was unknown.

export interface Change {
  type: string;
  name: string;
  /** Empty when the write's answer did not carry it (a DELETE answered with a Status). */
  resourceVersion: string;
}

export interface DeliveryReport {
  /** Broken promises, each a sentence naming the change. */
  problems: string[];
  /** Delivered changes of writes that answered an error (allowed: their outcome was unknown). */
  unacknowledgedDelivered: Change[];
}

const show = (c: Change) => `${c.type} ${c.name}@${c.resourceVersion || '?'}`;
const matches = (acked: Change, got: Change) =>
  acked.type === got.type &&
  acked.name === got.name &&
  (acked.resourceVersion === '' || acked.resourceVersion === got.resourceVersion);

/** acknowledged: in the order the changes were made (resourceVersion order for concurrent writes). */
export const checkDelivery = (
  delivered: Change[],
  acknowledged: Change[],
  outcomeUnknown: ReadonlySet<string> = new Set(),
): DeliveryReport => {
  const problems: string[] = [];
  for (let i = 1; i < delivered.length; i++) {
    const [before, after] = [delivered[i - 1], delivered[i]];
    if (!(Number(after.resourceVersion) > Number(before.resourceVersion)))
      problems.push(`out of order or repeated: ${show(before)} then ${show(after)}`);
  }
  const claimed = new Set<number>();
  let lastPosition = -1;
  for (const c of acknowledged) {
    const positions = delivered.flatMap((d, i) => (matches(c, d) && !claimed.has(i) ? [i] : []));
    if (positions.length !== 1) {
      problems.push(`acknowledged ${show(c)} delivered ${positions.length} times`);
      continue;
    }
    claimed.add(positions[0]);
    if (positions[0] < lastPosition) problems.push(`acknowledged ${show(c)} delivered before an earlier change`);
    lastPosition = positions[0];
  }
  const unacknowledgedDelivered: Change[] = [];
  delivered.forEach((d, i) => {
    if (claimed.has(i)) return;
    if (outcomeUnknown.has(d.name)) unacknowledgedDelivered.push(d);
    else problems.push(`delivered ${show(d)}, which no acknowledged write produced`);
  });
  return { problems, unacknowledgedDelivered };
};
