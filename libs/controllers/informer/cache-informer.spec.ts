// startInformer: a watch that ends is resumed from the last revision seen, even one the cache's
// window has since lost, so the handler sees every change once and nothing twice.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import { WatchCache, WatchEventType } from '@kubenest/registry';
import { FakeStore } from '@kubenest/registry/cache/testing/fake-store';
import { PODS, decodePod, flush, podKey, podValue, silentLogger } from '@kubenest/registry/cache/testing/pods';
import { startInformer } from './cache-informer';

const quietLogger = () => {
  const logger = new Logger('informer-test');
  jest.spyOn(logger, 'debug').mockImplementation(() => undefined);
  return logger;
};

describe('startInformer', () => {
  afterEach(() => jest.useRealTimers());

  it('resumes after a failed handler from its revision, past the window, without starting over', async () => {
    jest.useFakeTimers();
    const store = new FakeStore();
    const cache = new WatchCache(store, PODS, decodePod, { logger: silentLogger, eventWindow: 2 });
    await cache.start();
    const seen: string[] = [];
    let failed = false;
    const informer = startInformer(
      cache,
      (type: WatchEventType, obj: KubeObject) => {
        seen.push(`${type} ${obj.metadata.name}@${obj.metadata.resourceVersion}`);
        if (obj.metadata.name === 'p1' && !failed) {
          failed = true;
          throw new Error('handler failed');
        }
      },
      quietLogger(),
    );
    await store.create(podKey('a', 'p0'), podValue('a', 'p0'));
    await store.create(podKey('a', 'p1'), podValue('a', 'p1'));
    await flush();
    // While the informer waits to resume, more changes than the window holds.
    await store.update(podKey('a', 'p0'), podValue('a', 'p0', { v: '2' }), {});
    await store.create(podKey('a', 'p2'), podValue('a', 'p2'));
    await store.delete(podKey('a', 'p0'));
    await store.create(podKey('a', 'p3'), podValue('a', 'p3'));
    jest.advanceTimersByTime(500);
    await flush();
    expect(seen).toEqual(['ADDED p0@1', 'ADDED p1@2', 'MODIFIED p0@3', 'ADDED p2@4', 'DELETED p0@5', 'ADDED p3@6']);
    informer.stop();
    cache.stop();
  });
});
