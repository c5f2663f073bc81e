import * as events from './kubelet-events';

describe("kubelet's events", () => {
  const pod = { name: 'crasher', namespace: 'default', uid: 'abc' };

  it.each([
    {
      event: events.pulled('busybox'),
      want: ['Normal', 'Pulled', 'Container image "busybox" already present on machine'],
    },
    { event: events.created('boom'), want: ['Normal', 'Created', 'Created container: boom'] },
    { event: events.started('boom'), want: ['Normal', 'Started', 'Started container boom'] },
    { event: events.killing('boom'), want: ['Normal', 'Killing', 'Stopping container boom'] },
    {
      event: events.killingUnhealthy('boom', 'liveness'),
      want: ['Normal', 'Killing', 'Container boom failed liveness probe, will be restarted'],
    },
    {
      event: events.backOff('boom', pod),
      want: ['Warning', 'BackOff', 'Back-off restarting failed container boom in pod crasher_default(abc)'],
    },
    { event: events.unhealthy('readiness'), want: ['Warning', 'Unhealthy', 'Readiness probe failed'] },
    { event: events.failed('configmap "x" not found'), want: ['Warning', 'Failed', 'Error: configmap "x" not found'] },
  ])('$want.1: $want.2', ({ event, want }) => {
    expect([event.type, event.reason, event.message]).toEqual(want);
  });
});
