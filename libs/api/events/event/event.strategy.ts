// events.k8s.io/v1 Event: the newer shape of events (regarding, note, reportingController).
// For now it has its own keys; kube-apiserver serves it from the core/v1 events storage, which
// the conversion in events-v1-conversion.ts would allow once the registry can share a storage.
import type { Strategy } from '@kubenest/registry';
import { Column, FieldError, invalid, notSupported, required } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { eventColumns } from '../../core/event/event-columns';
import { EventsV1Event, eventsV1ToCore } from './events-v1-conversion';

const eventTypes = ['Normal', 'Warning'];
const maxNoteLength = 1024;
const maxFieldLength = 128;

const validateNewEvent = (ev: EventsV1Event): FieldError[] => {
  const errs: FieldError[] = [];
  if (!ev.eventTime) errs.push(required('eventTime'));
  const requireShort = (value: string | undefined, path: string): void => {
    if (!value) errs.push(required(path));
    else if (value.length > maxFieldLength)
      errs.push(invalid(path, value, `can have at most ${maxFieldLength} characters`));
  };
  requireShort(ev.reportingController, 'reportingController');
  requireShort(ev.reportingInstance, 'reportingInstance');
  requireShort(ev.action, 'action');
  requireShort(ev.reason, 'reason');
  if (!ev.type || !eventTypes.includes(ev.type)) errs.push(notSupported('type', ev.type ?? '', eventTypes));
  if ((ev.note ?? '').length > maxNoteLength)
    errs.push(invalid('note', '', `can have at most ${maxNoteLength} characters`));
  return errs;
};

// The printer is the core/v1 one, over the converted object, as in kube-apiserver.
const columns: Column<EventsV1Event>[] = eventColumns.map((c) => ({
  ...c,
  cell: (ev, now) => c.cell(eventsV1ToCore(ev), now),
}));

export const eventsV1EventStrategy: Strategy<EventsV1Event> = {
  kind: {
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    shortNames: ['ev'],
  },
  namespaced: true,
  // As kube: deleting an event never waits on, nor orphans, anything.
  garbageCollectionPolicy: 'Unsupported',
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  allowCreateOnUpdate: true,
  validate: (ev) => validateNewEvent(ev),
  ownsNameColumn: true,
  columns,
  fieldSelectors: {
    'regarding.kind': (ev) => ev.regarding?.kind ?? '',
    'regarding.namespace': (ev) => ev.regarding?.namespace ?? '',
    'regarding.name': (ev) => ev.regarding?.name ?? '',
    'regarding.uid': (ev) => ev.regarding?.uid ?? '',
    'regarding.apiVersion': (ev) => ev.regarding?.apiVersion ?? '',
    'regarding.resourceVersion': (ev) => ev.regarding?.resourceVersion ?? '',
    'regarding.fieldPath': (ev) => ev.regarding?.fieldPath ?? '',
    reason: (ev) => ev.reason ?? '',
    reportingController: (ev) => ev.reportingController ?? '',
    type: (ev) => ev.type ?? '',
  },
};
