import type { Deployment } from '@kubenest/api/apps/types';
import { maxSurge, maxUnavailable, resolveFenceposts, scaledValue } from './fenceposts';

const rolling = (replicas: number, surge?: number | string, unavailable?: number | string): Deployment => ({
  metadata: { name: 'd' },
  spec: {
    replicas,
    selector: {},
    template: {},
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } },
  },
});

describe('scaledValue', () => {
  it.each([
    { value: 3, total: 10, up: true, want: 3 },
    { value: '25%', total: 10, up: true, want: 3 },
    { value: '25%', total: 10, up: false, want: 2 },
    { value: '25%', total: 4, up: false, want: 1 },
    { value: '25%', total: 1, up: true, want: 1 },
    { value: '25%', total: 1, up: false, want: 0 },
    { value: '0%', total: 7, up: true, want: 0 },
    { value: '100%', total: 7, up: false, want: 7 },
    { value: '150%', total: 2, up: true, want: 3 },
    { value: '33%', total: 3, up: true, want: 1 },
    { value: '33%', total: 3, up: false, want: 0 },
    { value: undefined, total: 5, up: true, want: 0 },
  ])('$value of $total (round up $up) is $want', ({ value, total, up, want }) => {
    expect(scaledValue(value, total, up)).toBe(want);
  });

  it.each(['abc', '10', '-5%', '5.5%'])('rejects %s', (value) => {
    expect(() => scaledValue(value, 10, true)).toThrow('invalid value for IntOrString');
  });
});

describe('resolveFenceposts', () => {
  it.each([
    { name: 'kube defaults on 10', surge: '25%', unavailable: '25%', desired: 10, want: [3, 2] },
    { name: 'kube defaults on 1', surge: '25%', unavailable: '25%', desired: 1, want: [1, 0] },
    { name: 'ints', surge: 2, unavailable: 1, desired: 10, want: [2, 1] },
    { name: 'int surge, percent unavailable', surge: 1, unavailable: '50%', desired: 5, want: [1, 2] },
    { name: 'percent surge, int unavailable', surge: '10%', unavailable: 0, desired: 5, want: [1, 0] },
    { name: 'both zero ints: one unavailable', surge: 0, unavailable: 0, desired: 10, want: [0, 1] },
    { name: 'both round to zero: one unavailable', surge: '0%', unavailable: '5%', desired: 10, want: [0, 1] },
    { name: 'zero surge', surge: 0, unavailable: '25%', desired: 8, want: [0, 2] },
    { name: 'zero unavailable', surge: '25%', unavailable: 0, desired: 8, want: [2, 0] },
    { name: 'unset both', surge: undefined, unavailable: undefined, desired: 3, want: [0, 1] },
    { name: 'zero replicas', surge: '25%', unavailable: '25%', desired: 0, want: [0, 1] },
  ])('$name', ({ surge, unavailable, desired, want }) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual(want);
  });
});

describe('maxSurge / maxUnavailable of a Deployment', () => {
  it.each([
    { name: 'rolling 10 at 25%/25%', d: rolling(10, '25%', '25%'), surge: 3, unavailable: 2 },
    { name: 'unavailable capped at replicas', d: rolling(2, 0, 5), surge: 0, unavailable: 2 },
    { name: 'zero replicas: none unavailable', d: rolling(0, 1, 1), surge: 1, unavailable: 0 },
    {
      name: 'Recreate: neither',
      d: {
        metadata: { name: 'd' },
        spec: { replicas: 3, selector: {}, template: {}, strategy: { type: 'Recreate' as const } },
      },
      surge: 0,
      unavailable: 0,
    },
  ])('$name', ({ d, surge, unavailable }) => {
    expect(maxSurge(d)).toBe(surge);
    expect(maxUnavailable(d)).toBe(unavailable);
  });
});
