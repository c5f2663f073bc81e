import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain } from './dns';
import { isConfigMapKey } from './config-map-key';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './name-validators';
import { isValidIP, isValidPortName, isValidPortNum } from './network';
import { isQualifiedName, isValidLabelValue } from './qualified-name';

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const nameMsg =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('DNS names', () => {
  it.each([
    { fn: isDNS1123Subdomain, value: 'example.com', want: [] },
    { fn: isDNS1123Subdomain, value: 'a', want: [] },
    { fn: isDNS1123Subdomain, value: 'Example', want: [subdomainMsg] },
    { fn: isDNS1123Subdomain, value: '-a', want: [subdomainMsg] },
    { fn: isDNS1123Subdomain, value: 'a'.repeat(254), want: ['must be no more than 253 characters'] },
    { fn: isDNS1123Label, value: 'my-name', want: [] },
    { fn: isDNS1123Label, value: 'a.b', want: ['must not contain dots'] },
    { fn: isDNS1123Label, value: 'A', want: [labelMsg] },
    { fn: isDNS1123Label, value: 'a'.repeat(64), want: ['must be no more than 63 characters'] },
    { fn: isDNS1035Label, value: 'web', want: [] },
    {
      fn: isDNS1035Label,
      value: '1web',
      want: [
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    },
  ])('$fn.name($value)', ({ fn, value, want }) => {
    expect(fn(value)).toEqual(want);
  });

  it.each([
    { name: 'web-', prefix: true, want: [] },
    { name: 'web-', prefix: false, want: [subdomainMsg] },
    { name: 'Web', prefix: true, want: [subdomainMsg] },
  ])('nameIsDNSSubdomain($name, prefix $prefix)', ({ name, prefix, want }) => {
    expect(nameIsDNSSubdomain(name, prefix)).toEqual(want);
  });

  it('masks a trailing dash of a label prefix', () => {
    expect(nameIsDNSLabel('ab-', true)).toEqual([]);
  });
});

describe('qualified names and label values', () => {
  it.each([
    { value: 'app', want: [] },
    { value: 'example.com/app', want: [] },
    { value: 'app.kubernetes.io/name', want: [] },
    {
      value: 'a/b/c',
      want: [
        expect.stringMatching(
          /^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/,
        ),
      ],
    },
    { value: '/app', want: ['prefix part must be non-empty'] },
    { value: 'Example.com/app', want: [`prefix part ${subdomainMsg}`] },
    { value: 'example.com/', want: ['name part must be non-empty', nameMsg] },
    { value: '-app', want: [nameMsg] },
    { value: 'a'.repeat(64), want: ['name part must be no more than 63 characters'] },
  ])('isQualifiedName($value)', ({ value, want }) => {
    expect(isQualifiedName(value)).toEqual(want);
  });

  it.each([
    { value: '', want: 0 },
    { value: 'web_1.x', want: 0 },
    { value: '-x', want: 1 },
    { value: 'a'.repeat(64), want: 1 },
  ])('isValidLabelValue($value) gives $want errors', ({ value, want }) => {
    expect(isValidLabelValue(value)).toHaveLength(want);
  });
});

describe('config keys, ports and IPs', () => {
  it.each([
    { value: 'app.properties', want: [] },
    { value: '..data', want: ["must not start with '..'"] },
    { value: '.', want: ["must not be '.'"] },
    {
      value: 'a b',
      want: [
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    },
  ])('isConfigMapKey($value)', ({ value, want }) => {
    expect(isConfigMapKey(value)).toEqual(want);
  });

  it.each([
    { port: 80, want: [] },
    { port: 0, want: ['must be between 1 and 65535, inclusive'] },
    { port: 65536, want: ['must be between 1 and 65535, inclusive'] },
  ])('isValidPortNum($port)', ({ port, want }) => {
    expect(isValidPortNum(port)).toEqual(want);
  });

  it.each([
    { name: 'http', want: [] },
    { name: '8080', want: ['must contain at least one letter (a-z)'] },
    { name: 'a--b', want: ['must not contain consecutive hyphens'] },
    { name: 'http-', want: ['must not begin or end with a hyphen'] },
    { name: 'a-very-long-port-name', want: ['must be no more than 15 characters'] },
  ])('isValidPortName($name)', ({ name, want }) => {
    expect(isValidPortName(name)).toEqual(want);
  });

  it.each(['10.0.0.1', '2001:db8::1'])('accepts IP %s', (ip) => expect(isValidIP(ip)).toEqual([]));
  it('rejects a bad IP', () =>
    expect(isValidIP('10.0.0')).toEqual(['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']));
});
