import { HostFacts, goArch, osImageFrom } from './host-facts';
import { nodeConditions, NO_PRESSURE } from './node-conditions';
import { memoryQuantity, nodeObject, nodeSettingsFor, nodeStatus } from './node-object';

const facts: HostFacts = {
  hostname: 'box',
  operatingSystem: 'linux',
  architecture: 'amd64',
  kernelVersion: '6.1.0',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  cpus: 4,
  memoryBytes: 16 * 1024 ** 3 + 1000,
};

describe('the Node object', () => {
  it.each([
    { name: 'from the host', flags: { pods: 110 }, capacity: { cpu: '4', memory: '16777216Ki', pods: '110' } },
    {
      name: 'from flags',
      flags: { cpu: '3500m', memory: '8Gi', pods: 20 },
      capacity: { cpu: '3500m', memory: '8Gi', pods: '20' },
    },
  ])('takes capacity $name, allocatable the same', ({ flags, capacity }) => {
    const s = nodeSettingsFor('w1', facts, { labels: {}, taints: [], ...flags });
    const status = nodeStatus(s, '10.0.0.2', []);
    expect(status.capacity).toEqual(capacity);
    expect(status.allocatable).toEqual(capacity);
  });

  it('carries labels, taints, addresses and nodeInfo as kubelet registers them', () => {
    const s = nodeSettingsFor('w1', facts, {
      labels: { zone: 'a', 'kubernetes.io/hostname': 'spoofed' },
      taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }],
      pods: 110,
    });
    const node = nodeObject(s, nodeStatus(s, '10.0.0.2', nodeConditions(NO_PRESSURE, [], 0)));
    expect(node.metadata).toEqual({
      name: 'w1',
      labels: {
        zone: 'a',
        'kubernetes.io/hostname': 'w1',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
      },
    });
    expect(node.spec).toEqual({ taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] });
    expect(node.status?.addresses).toEqual([
      { type: 'InternalIP', address: '10.0.0.2' },
      { type: 'Hostname', address: 'box' },
    ]);
    expect(node.status?.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.33.0-kubenest',
      containerRuntimeVersion: 'kubenest://0.1',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0',
      operatingSystem: 'linux',
      architecture: 'amd64',
    });
    expect(node.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'MemoryPressure=False',
      'DiskPressure=False',
      'PIDPressure=False',
      'Ready=True',
    ]);
  });

  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['ia32', '386'],
    ['s390x', 's390x'],
  ])('spells the architecture %s as Go does: %s', (node, go) => expect(goArch(node)).toBe(go));

  it.each([
    ['PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME=Debian', 'Debian GNU/Linux 12 (bookworm)'],
    ['NAME=Alpine\nPRETTY_NAME=Alpine', 'Alpine'],
    [undefined, 'Unknown'],
  ])('reads the OS image from %j', (text, image) => expect(osImageFrom(text)).toBe(image));

  it('writes memory in Ki, floored', () => expect(memoryQuantity(2049)).toBe('2Ki'));
});
