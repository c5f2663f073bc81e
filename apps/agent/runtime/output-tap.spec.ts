import { PassThrough } from 'node:stream';
import { OutputTap } from './output-tap';

const setUp = () => {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  return { stdout, stderr, tap: new OutputTap(stdout, stderr) };
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('OutputTap', () => {
  it('hands on output from the moment of listening, until unsubscribed', async () => {
    const { stdout, stderr, tap } = setUp();
    stdout.write('before');
    await tick();
    const seen: string[] = [];
    const stop = tap.watch(
      (stream, data) => seen.push(`${stream}:${data.toString()}`),
      () => undefined,
    );
    stdout.write('a');
    stderr.write('b');
    await tick();
    stop();
    stdout.write('after');
    await tick();
    expect(seen).toEqual(['stdout:a', 'stderr:b']);
  });

  it('says when both streams have ended, and at once to a later listener', async () => {
    const { stdout, stderr, tap } = setUp();
    let ended = 0;
    tap.watch(
      () => undefined,
      () => ended++,
    );
    stdout.end();
    await tick();
    expect(ended).toBe(0);
    stderr.end();
    await tick();
    expect(ended).toBe(1);
    tap.watch(
      () => undefined,
      () => ended++,
    );
    expect(ended).toBe(2);
  });
});
