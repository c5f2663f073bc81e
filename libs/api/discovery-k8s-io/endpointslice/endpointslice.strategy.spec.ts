import { EndpointSlice } from '../types';
import { formatSliceEndpoints, formatSlicePorts, endpointSliceStrategy } from './endpointslice.strategy';

const slice = (over: Partial<EndpointSlice> = {}): EndpointSlice =>
  ({
    metadata: { name: 's', namespace: 'default' },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.0.0.1'] }],
    ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    ...over,
  }) as EndpointSlice;

const many = <T>(n: number, f: (i: number) => T): T[] => [...Array(n).keys()].map(f);

describe('endpointSliceStrategy', () => {
  it.each([
    { name: 'a valid slice', over: {}, errors: [] },
    { name: 'no address type', over: { addressType: undefined }, errors: ['addressType: Required value'] },
    {
      name: 'an unknown address type',
      over: { addressType: 'IP' },
      errors: ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'],
    },
    {
      name: 'an IPv6 address in an IPv4 slice',
      over: { endpoints: [{ addresses: ['fd00::1'] }] },
      errors: ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address'],
    },
    {
      name: 'a loopback address',
      over: { endpoints: [{ addresses: ['127.0.0.1'] }] },
      errors: [
        'endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
    },
    {
      name: 'an FQDN of one label',
      over: { addressType: 'FQDN', endpoints: [{ addresses: ['host'] }] },
      errors: [
        'endpoints[0].addresses[0]: Invalid value: "host": should be a domain with at least two segments separated by dots',
      ],
    },
    { name: 'a valid FQDN', over: { addressType: 'FQDN', endpoints: [{ addresses: ['a.example.com'] }] }, errors: [] },
    {
      name: 'an endpoint without addresses',
      over: { endpoints: [{ addresses: [] }] },
      errors: ['endpoints[0].addresses: Required value: must contain at least 1 address'],
    },
    {
      name: '1001 endpoints',
      over: { endpoints: many(1001, () => ({ addresses: ['10.0.0.1'] })) },
      errors: ['endpoints: Too many: 1001: must have at most 1000 items'],
    },
    {
      name: 'an endpoint of 101 bad addresses',
      over: { endpoints: [{ addresses: many(101, () => 'not-an-ip') }] },
      errors: ['endpoints[0].addresses: Too many: 101: must have at most 100 items'],
    },
    {
      name: '101 ports',
      over: { ports: many(101, (i) => ({ name: `p${i}`, port: 80, protocol: 'TCP' })) },
      errors: ['ports: Too many: 101: must have at most 100 items'],
    },
    {
      name: 'two ports of one name',
      over: {
        ports: [
          { name: 'a', port: 1, protocol: 'TCP' },
          { name: 'a', port: 2, protocol: 'TCP' },
        ],
      },
      errors: ['ports[1].name: Duplicate value: "a"'],
    },
    {
      name: 'a port out of range and a bad protocol',
      over: { ports: [{ name: 'a', port: 70000, protocol: 'ICMP' }] },
      errors: [
        'ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        'ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    },
    {
      name: 'a bad node name',
      over: { endpoints: [{ addresses: ['10.0.0.1'], nodeName: 'Node_1' }] },
      errors: [expect.stringContaining('endpoints[0].nodeName: Invalid value: "Node_1"')],
    },
  ] as { name: string; over: Partial<EndpointSlice>; errors: unknown[] }[])('validates $name', ({ over, errors }) => {
    const found = endpointSliceStrategy.validate(slice(over)).map((e) => `${e.field}: ${e.message}`);
    expect(found).toEqual(errors);
  });

  it('keeps the address type once set', () => {
    expect(endpointSliceStrategy.validateUpdate!(slice({ addressType: 'IPv6' }), slice())).toEqual([
      expect.objectContaining({ field: 'addressType', type: 'FieldValueInvalid' }),
    ]);
  });

  it.each([
    { ports: undefined, endpoints: [], shownPorts: '<unset>', shownEndpoints: '<unset>' },
    {
      ports: [{ port: 80 }, { name: 'dns' }, {}, { port: 9 }],
      endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4'] }],
      shownPorts: '80,dns,* + 1 more...',
      shownEndpoints: '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...',
    },
  ] as {
    ports: EndpointSlice['ports'];
    endpoints: EndpointSlice['endpoints'];
    shownPorts: string;
    shownEndpoints: string;
  }[])('prints ports $shownPorts and endpoints $shownEndpoints', ({ ports, endpoints, shownPorts, shownEndpoints }) => {
    expect(formatSlicePorts(slice({ ports }))).toBe(shownPorts);
    expect(formatSliceEndpoints(slice({ endpoints }))).toBe(shownEndpoints);
  });
});
