import { nodeConditions, NO_PRESSURE } from './node-conditions';
import { Node, nodeStatus } from './node-object';
import { NodeSettings } from './node-settings';
import { reportNodeStatus } from './node-status-reporter';
import { shouldReportStatus, statusFingerprint } from './status-report';

const settings: NodeSettings = {
  name: 'w1',
  labels: {},
  taints: [],
  capacity: { cpu: '4', memory: '8Gi', pods: '110' },
  operatingSystem: 'linux',
  architecture: 'amd64',
  kernelVersion: '6.1',
  osImage: 'x',
  hostname: 'w1',
};
const MIN = 60_000;
/** The Node the server holds, with this status. */
const serverNode = (status?: Node['status']): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'w1' },
  status,
});
const at = (ms: number, ip = '10.0.0.2', signals = NO_PRESSURE) =>
  nodeStatus(settings, ip, nodeConditions(signals, nodeConditions(NO_PRESSURE, [], 0), ms));

describe('shouldReportStatus', () => {
  const last = { fingerprint: statusFingerprint(at(0)), atMs: 0 };
  it.each([
    { name: 'the first time', last: undefined, next: at(10_000), now: 10_000, want: true },
    { name: 'not when only heartbeats moved', last, next: at(10_000), now: 10_000, want: false },
    { name: 'when the address changed', last, next: at(10_000, '10.0.0.9'), now: 10_000, want: true },
    {
      name: 'when a condition flipped',
      last,
      next: at(10_000, undefined, { ...NO_PRESSURE, disk: true }),
      now: 10_000,
      want: true,
    },
    { name: 'not before 5 minutes', last, next: at(5 * MIN - 1), now: 5 * MIN - 1, want: false },
    { name: 'at 5 minutes', last, next: at(5 * MIN), now: 5 * MIN, want: true },
  ])('$name', ({ last, next, now, want }) => expect(shouldReportStatus(last, next, now)).toBe(want));
});

describe('reportNodeStatus', () => {
  it('posts on the first tick and on change only, then at the report frequency', async () => {
    const posted: number[] = [];
    let ip = '10.0.0.2';
    let held = serverNode();
    const report = reportNodeStatus({
      getNode: async () => held,
      patchNodeStatus: async (_name, status) => {
        posted.push(Date.parse(status.conditions![0].lastHeartbeatTime!));
        held = serverNode(status);
        return held;
      },
      readSignals: async () => NO_PRESSURE,
      internalIP: () => ip,
    });
    let last = await report(settings, undefined, 0);
    for (let t = 10_000; t <= 6 * MIN; t += 10_000) {
      if (t === 60_000) ip = '10.0.0.3';
      last = await report(settings, last, t);
    }
    expect(posted).toEqual([0, 60_000, 60_000 + 5 * MIN]);
  });

  it('posts again at once when the server holds its conditions as Unknown (the node was out of reach)', async () => {
    const posted: number[] = [];
    let held = serverNode();
    const report = reportNodeStatus({
      getNode: async () => held,
      patchNodeStatus: async (_name, status) => {
        posted.push(Date.parse(status.conditions![0].lastHeartbeatTime!));
        held = serverNode(status);
        return held;
      },
      readSignals: async () => NO_PRESSURE,
      internalIP: () => '10.0.0.2',
    });
    let last = await report(settings, undefined, 0);
    last = await report(settings, last, 10_000);
    held = serverNode({
      ...held.status,
      conditions: held.status!.conditions!.map((c) => ({ ...c, status: 'Unknown' })),
    });
    last = await report(settings, last, 20_000);
    await report(settings, last, 30_000);
    expect(posted).toEqual([0, 20_000]);
  });
});
