import { StatusError } from '@kubenest/apimachinery';
import { attachOptionsOf, execOptionsOf, logOptionsOf } from './connect-options';

const failure = (fn: () => unknown): { code: number; message: string } => {
  try {
    fn();
  } catch (e) {
    if (StatusError.is(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('no error');
};

describe('logOptionsOf', () => {
  it('decodes what kubectl logs sends', () => {
    expect(
      logOptionsOf({ container: 'c1', follow: 'true', tailLines: '10', timestamps: 'True', sinceSeconds: '60' }, 'p'),
    ).toEqual({
      container: 'c1',
      follow: true,
      previous: false,
      timestamps: true,
      tailLines: 10,
      sinceSeconds: 60,
      sinceTime: undefined,
      limitBytes: undefined,
    });
  });

  it.each([
    {
      query: { tailLines: '-1' },
      code: 422,
      message: /tailLines: Invalid value: -1: must be greater than or equal to 0/,
    },
    { query: { sinceSeconds: '0' }, code: 422, message: /sinceSeconds: Invalid value: 0: must be greater than 0/ },
    { query: { limitBytes: '0' }, code: 422, message: /limitBytes: Invalid value: 0/ },
    {
      query: { sinceSeconds: '5', sinceTime: '2026-01-01T00:00:00Z' },
      code: 422,
      message: /at most one of `sinceTime` or `sinceSeconds`/,
    },
    { query: { sinceTime: 'yesterday' }, code: 400, message: /as RFC3339/ },
    { query: { tailLines: 'x' }, code: 400, message: /strconv.ParseInt/ },
  ])('refuses $query', ({ query, code, message }) => {
    const e = failure(() => logOptionsOf(query, 'p'));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe('execOptionsOf', () => {
  it('decodes repeated commands and the stream switches, as the Python client sends them', () => {
    expect(execOptionsOf({ command: ['sh', '-c', 'ls'], stdin: 'False', stdout: 'True', stderr: 'True' })).toEqual({
      container: undefined,
      command: ['sh', '-c', 'ls'],
      options: { stdin: false, stdout: true, stderr: true, tty: false },
    });
  });

  it('sends stderr to the terminal with tty', () => {
    expect(
      execOptionsOf({ command: 'sh', stdin: 'true', stdout: 'true', stderr: 'true', tty: 'true' }).options,
    ).toEqual({ stdin: true, stdout: true, stderr: false, tty: true });
  });

  it.each([
    { query: { stdout: 'true' }, message: 'you must specify at least one command for the container' },
    { query: { command: 'ls' }, message: 'you must specify at least 1 of stdin, stdout, stderr' },
  ])('refuses $query', ({ query, message }) => {
    expect(failure(() => execOptionsOf(query))).toEqual({ code: 400, message });
  });
});

describe('attachOptionsOf', () => {
  it('decodes what kubectl attach -i sends, without a command', () => {
    expect(attachOptionsOf({ container: 'main', stdin: 'true', stdout: 'true', stderr: 'true' })).toEqual({
      container: 'main',
      options: { stdin: true, stdout: true, stderr: true, tty: false },
    });
  });

  it('refuses a request for no stream at all', () => {
    expect(failure(() => attachOptionsOf({ container: 'main' }))).toEqual({
      code: 400,
      message: 'you must specify at least 1 of stdin, stdout, stderr',
    });
  });
});
