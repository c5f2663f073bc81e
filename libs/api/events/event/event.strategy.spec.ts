import { validateObject } from '@kubenest/registry';
import { coreEventStrategy } from '../../core/event/event.strategy';
import { CoreEvent } from '../../core/types';
import { eventsV1EventStrategy } from './event.strategy';
import { coreToEventsV1, EventsV1Event, eventsV1ToCore } from './events-v1-conversion';

const now = new Date('2025-01-01T12:00:00Z');

const coreEvent: CoreEvent = {
  metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: {
    kind: 'Pod',
    namespace: 'default',
    name: 'web',
    uid: 'u1',
    apiVersion: 'v1',
    fieldPath: 'spec.containers{app}',
  },
  reason: 'Pulled',
  message: 'Image pulled ',
  type: 'Normal',
  source: { component: 'kubelet', host: 'n1' },
  firstTimestamp: '2025-01-01T11:50:00Z' as never,
  lastTimestamp: '2025-01-01T11:59:00Z' as never,
  count: 3,
};

describe('core/v1 events', () => {
  it('columns', () => {
    expect(coreEventStrategy.columns!.map((c) => c.cell(coreEvent, now))).toEqual([
      '60s',
      'Normal',
      'Pulled',
      'pod/web',
      'spec.containers{app}',
      'kubelet, n1',
      'Image pulled',
      '10m',
      3,
      'web.1',
    ]);
  });

  it.each([
    { field: 'involvedObject.kind', want: 'Pod' },
    { field: 'involvedObject.name', want: 'web' },
    { field: 'involvedObject.namespace', want: 'default' },
    { field: 'involvedObject.uid', want: 'u1' },
    { field: 'involvedObject.apiVersion', want: 'v1' },
    { field: 'involvedObject.resourceVersion', want: '' },
    { field: 'involvedObject.fieldPath', want: 'spec.containers{app}' },
    { field: 'reason', want: 'Pulled' },
    { field: 'source', want: 'kubelet' },
    { field: 'type', want: 'Normal' },
    { field: 'reportingComponent', want: '' },
  ])('$field = $want', ({ field, want }) => {
    expect(coreEventStrategy.fieldSelectors![field](coreEvent)).toBe(want);
  });

  it('requires the namespace of the involved object', () => {
    const ev = { ...coreEvent, metadata: { name: 'x', namespace: 'other' } };
    expect(validateObject(coreEventStrategy, ev).map((e) => `${e.field}: ${e.message}`)).toEqual([
      'involvedObject.namespace: Invalid value: "default": does not match event.namespace',
    ]);
  });
});

describe('events.k8s.io/v1 events', () => {
  const ev = coreToEventsV1({
    ...coreEvent,
    eventTime: '2025-01-01T11:59:30.000000Z' as never,
    reportingComponent: 'kubelet',
    reportingInstance: 'n1',
    action: 'Pull',
  });

  it('round-trips through core/v1', () => {
    expect(coreToEventsV1(eventsV1ToCore(ev))).toEqual(ev);
    expect(ev.regarding?.name).toBe('web');
    expect(ev.note).toBe('Image pulled ');
  });

  it('validates and prints like core/v1', () => {
    expect(validateObject(eventsV1EventStrategy, ev)).toEqual([]);
    expect(eventsV1EventStrategy.columns!.map((c) => c.cell(ev, now)).slice(0, 4)).toEqual([
      '60s',
      'Normal',
      'Pulled',
      'pod/web',
    ]);
    expect(eventsV1EventStrategy.fieldSelectors!['regarding.name'](ev)).toBe('web');
    expect(eventsV1EventStrategy.fieldSelectors!.reportingController(ev)).toBe('kubelet');
  });

  it('requires what a new event must say', () => {
    const bare = { metadata: { name: 'x', namespace: 'default' } } as EventsV1Event;
    expect(validateObject(eventsV1EventStrategy, bare).map((e) => e.field)).toEqual([
      'eventTime',
      'reportingController',
      'reportingInstance',
      'action',
      'reason',
      'type',
    ]);
  });
});
