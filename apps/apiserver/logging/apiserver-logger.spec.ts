import { Logger } from '@nestjs/common';
import { ApiserverLogger, useColour } from './apiserver-logger';

const capture = (logger: ApiserverLogger, write: (log: Logger) => void): string => {
  const chunks: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => chunks.push(String(chunk)) > 0);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => chunks.push(String(chunk)) > 0);
  Logger.overrideLogger(logger);
  try {
    write(new Logger('Context'));
    write(new Logger('RouterExplorer'));
    write(new Logger('WatchCache /registry/core/pods/'));
  } finally {
    out.mockRestore();
    err.mockRestore();
    Logger.overrideLogger(false);
  }
  return chunks.join('');
};

const levelsSeen = (text: string) =>
  [...text.matchAll(/ (ERROR|WARN|LOG|DEBUG) \[([^\]]+)\] (\w+)/g)].map((m) => m.slice(1).join(' '));

describe('ApiserverLogger', () => {
  const everyLevel = (log: Logger) => {
    log.error('e');
    log.warn('w');
    log.log('l');
    log.debug('d');
  };

  it('at info: what happens, with the framework and watch caches start-up detail left out', () => {
    expect(levelsSeen(capture(new ApiserverLogger('info', false), everyLevel))).toEqual([
      'ERROR Context e',
      'WARN Context w',
      'LOG Context l',
      'ERROR RouterExplorer e',
      'WARN RouterExplorer w',
      'ERROR WatchCache /registry/core/pods/ e',
      'WARN WatchCache /registry/core/pods/ w',
    ]);
  });

  it('at debug: the start-up detail too, as debug lines', () => {
    const seen = levelsSeen(capture(new ApiserverLogger('debug', false), everyLevel));
    expect(seen).toContain('DEBUG RouterExplorer l');
    expect(seen).toContain('DEBUG WatchCache /registry/core/pods/ l');
    expect(seen).toContain('DEBUG Context d');
  });

  it('at warn: warnings and errors only', () => {
    expect(levelsSeen(capture(new ApiserverLogger('warn', false), everyLevel))).toEqual([
      'ERROR Context e',
      'WARN Context w',
      'ERROR RouterExplorer e',
      'WARN RouterExplorer w',
      'ERROR WatchCache /registry/core/pods/ e',
      'WARN WatchCache /registry/core/pods/ w',
    ]);
  });

  it('writes escape codes only when told to colour', () => {
    const plain = capture(new ApiserverLogger('info', false), (log) => log.warn('w'));
    expect(plain).not.toMatch(/\x1b\[/);
    expect(plain).toMatch(/^\[kubenest\] \d+ {2}- /);
    expect(capture(new ApiserverLogger('info', true), (log) => log.warn('w'))).toMatch(/\x1b\[/);
  });
});

describe('useColour', () => {
  it.each([
    { isTty: true, env: {}, want: true },
    { isTty: false, env: {}, want: false },
    { isTty: undefined, env: {}, want: false },
    { isTty: true, env: { NO_COLOR: '1' }, want: false },
    { isTty: true, env: { NO_COLOR: '' }, want: true },
  ])('terminal $isTty, $env: $want', ({ isTty, env, want }) => expect(useColour(isTty, env)).toBe(want));
});
