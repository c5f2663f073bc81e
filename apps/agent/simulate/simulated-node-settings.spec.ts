import { simulatedAddress, simulatedNodeName, simulatedNodeSettings } from './simulated-node-settings';

describe('simulated nodes', () => {
  it.each([
    [0, '198.18.0.1'],
    [254, '198.18.0.255'],
    [255, '198.18.1.0'],
    [65535, '198.19.0.0'],
  ])('node %i gets the fake address %s', (i, address) => expect(simulatedAddress(i)).toBe(address));

  it.each([
    { name: 'KWOK-sized by default', flags: {}, capacity: { cpu: '32', memory: '256Gi', pods: '110' } },
    {
      name: 'sized by the flags',
      flags: { cpu: '4', memory: '8Gi' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  ])('is $name, labelled as simulated', ({ flags, capacity }) => {
    const s = simulatedNodeSettings(
      { name: 'sim', nodeLabels: { zone: 'a' }, registerWithTaints: [], pods: 110, ...flags },
      3,
    );
    expect(s).toMatchObject({
      name: 'sim-3',
      hostname: 'sim-3',
      labels: { zone: 'a', 'node.kubenest.io/simulated': 'true' },
      capacity,
    });
  });

  it('names nodes <name>-<index>', () => expect(simulatedNodeName('kwok', 7)).toBe('kwok-7'));
});
