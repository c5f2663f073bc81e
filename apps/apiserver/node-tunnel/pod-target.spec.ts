import type { Pod } from '@kubenest/api/core/types';
import { containerOf, waitingToStart } from './pod-target';

const pod = (containers: string[], init: string[] = [], status?: Pod['status']): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: {
      containers: containers.map((name) => ({ name })),
      initContainers: init.map((name) => ({ name })),
    },
    status,
  }) as Pod;

describe('containerOf', () => {
  it.each([
    { name: 'the only container', p: pod(['a']), requested: undefined, want: 'a' },
    { name: 'a named container', p: pod(['a', 'b']), requested: 'b', want: 'b' },
    { name: 'an init container', p: pod(['a'], ['setup']), requested: 'setup', want: 'setup' },
  ])('$name', ({ p, requested, want }) => {
    expect(containerOf(p, requested)).toBe(want);
  });

  it.each([
    {
      name: 'several and none named',
      p: pod(['a', 'b']),
      requested: undefined,
      message: 'a container name must be specified for pod web, choose one of: [a b]',
    },
    {
      name: 'several with init containers',
      p: pod(['a', 'b'], ['i']),
      requested: undefined,
      message:
        'a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [i]',
    },
    { name: 'an unknown name', p: pod(['a']), requested: 'zz', message: 'container zz is not valid for pod web' },
  ])('refuses $name', ({ p, requested, message }) => {
    expect(() => containerOf(p, requested)).toThrow(message);
  });
});

describe('waitingToStart', () => {
  const waiting = { waiting: { reason: 'ContainerCreating' } };

  it('names the waiting reason of a container that never ran', () => {
    const p = pod(['a'], [], {
      containerStatuses: [{ name: 'a', state: waiting, ready: false, restartCount: 0, image: 'x', imageID: '' }],
    });
    expect(waitingToStart(p, 'a')?.message).toBe('container "a" in pod "web" is waiting to start: ContainerCreating');
  });

  it.each([
    { name: 'no status yet', status: undefined },
    {
      name: 'a restarting container',
      status: {
        containerStatuses: [{ name: 'a', state: waiting, ready: false, restartCount: 2, image: 'x', imageID: '' }],
      },
    },
    {
      name: 'a running container',
      status: {
        containerStatuses: [
          { name: 'a', state: { running: {} }, ready: true, restartCount: 0, image: 'x', imageID: '' },
        ],
      },
    },
  ])('lets $name through', ({ status }) => {
    expect(waitingToStart(pod(['a'], [], status as Pod['status']), 'a')).toBeUndefined();
  });
});
