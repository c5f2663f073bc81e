// The columns of `kubectl get events` (LAST SEEN TYPE REASON OBJECT MESSAGE, more with -o wide),
// computed from a core/v1 Event as kube-apiserver's event printer does.
import { Column } from '@kubenest/apimachinery';
import { nameColumnAt } from '@kubenest/registry';
import { column } from '../../common/columns';
import { timeSince } from '../../common/human-duration';
import { CoreEvent } from '../types';

const firstSeen = (ev: CoreEvent, now: Date): string =>
  ev.firstTimestamp ? timeSince(ev.firstTimestamp as string, now) : timeSince(ev.eventTime as string | undefined, now);

const lastSeen = (ev: CoreEvent, now: Date): string => {
  if (ev.series) return timeSince(ev.series.lastObservedTime as string | undefined, now);
  return ev.lastTimestamp ? timeSince(ev.lastTimestamp as string, now) : firstSeen(ev, now);
};

// Singleton events of the events.k8s.io API carry no count: they happened once.
const count = (ev: CoreEvent): number => (ev.series ? (ev.series.count ?? 0) : ev.count || 1);

const target = (ev: CoreEvent): string => {
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  return ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
};

/** SOURCE: component (or reporting controller), then host (or reporting instance) after a comma. */
export const eventSource = (ev: CoreEvent): string => {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
};

export const eventColumns: Column<CoreEvent>[] = [
  column('Last Seen', lastSeen, {
    description: 'The time at which the most recent occurrence of this event was recorded.',
  }),
  column('Type', (ev) => ev.type ?? '', { description: 'Type of this event (Normal, Warning).' }),
  column('Reason', (ev) => ev.reason ?? '', { description: 'Short, machine understandable reason for the event.' }),
  column('Object', target, { description: 'The object that this event is about.' }),
  column('Subobject', (ev) => ev.involvedObject?.fieldPath ?? '', {
    priority: 1,
    description: 'The part of the object the event is about.',
  }),
  column('Source', eventSource, { priority: 1, description: 'The component reporting this event.' }),
  column('Message', (ev) => (ev.message ?? '').trim(), {
    description: 'A human-readable description of the status of this operation.',
  }),
  column('First Seen', firstSeen, { priority: 1, description: 'The time at which the event was first recorded.' }),
  column('Count', count, { priority: 1, description: 'The number of times this event has occurred.' }),
  nameColumnAt(1) as Column<CoreEvent>,
];
