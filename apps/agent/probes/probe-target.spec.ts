import { probeHeaders } from './http-get-probe';
import { resolvePort } from './probe-target';

describe('resolvePort', () => {
  const ports = [{ name: 'http', containerPort: 8080 }, { containerPort: 9000 }];
  it.each([
    { port: 80, want: 80 },
    { port: '81', want: 81 },
    { port: 'http', want: 8080 },
  ])('$port → $want', ({ port, want }) => expect(resolvePort(port, ports)).toBe(want));

  it('refuses an unknown port name', () => {
    expect(() => resolvePort('metrics', ports)).toThrow('no container port named metrics');
  });
});

describe('probeHeaders', () => {
  it("sends kubelet's User-Agent and Accept unless the probe overrides them", () => {
    expect(probeHeaders({ port: 80 })).toEqual({ 'User-Agent': 'kube-probe/1.33', Accept: '*/*' });
    expect(
      probeHeaders({
        port: 80,
        httpHeaders: [
          { name: 'accept', value: 'application/json' },
          { name: 'X-A', value: '1' },
        ],
      }),
    ).toEqual({
      'User-Agent': 'kube-probe/1.33',
      accept: 'application/json',
      'X-A': '1',
    });
  });
});
