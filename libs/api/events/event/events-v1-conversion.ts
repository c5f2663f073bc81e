// events.k8s.io/v1 Event and core/v1 Event are two views of one object in kube-apiserver
// (one storage, converted on the way in and out). These map one onto the other.
import type { IEvent as IEventsV1Event } from 'kubernetes-models/events.k8s.io/v1/Event';
import { Kube } from '../../common/kube-types';
import { CoreEvent } from '../../core/types';

export type EventsV1Event = Kube<IEventsV1Event>;

const defined = <T extends Record<string, unknown>>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

export const eventsV1ToCore = (ev: EventsV1Event): CoreEvent =>
  defined({
    metadata: ev.metadata,
    involvedObject: ev.regarding ?? {},
    related: ev.related,
    message: ev.note,
    reason: ev.reason,
    type: ev.type,
    action: ev.action,
    eventTime: ev.eventTime,
    series: ev.series,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
  }) as CoreEvent;

export const coreToEventsV1 = (ev: CoreEvent): EventsV1Event =>
  defined({
    metadata: ev.metadata,
    regarding: ev.involvedObject,
    related: ev.related,
    note: ev.message,
    reason: ev.reason,
    type: ev.type,
    action: ev.action,
    eventTime: ev.eventTime,
    series: ev.series,
    reportingController: ev.reportingComponent,
    reportingInstance: ev.reportingInstance,
    deprecatedSource: ev.source,
    deprecatedFirstTimestamp: ev.firstTimestamp,
    deprecatedLastTimestamp: ev.lastTimestamp,
    deprecatedCount: ev.count,
  }) as EventsV1Event;
