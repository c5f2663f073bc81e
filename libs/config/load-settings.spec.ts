import { IsBoolean, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ConfigError } from './config-error';
import { loadSettings } from './load-settings';
import { asBoolean, asInteger, asString } from './parsers';
import { Setting } from './setting.decorator';

class Sample {
  @Setting({ env: 'SAMPLE_PORT', flag: 'port', expects: 'an integer from 1 to 9', parse: asInteger })
  @IsInt()
  @Min(1)
  @Max(9)
  port = 1;

  @Setting({ env: 'SAMPLE_VERBOSE', flag: 'verbose', expects: 'true or false', parse: asBoolean, switch: true })
  @IsBoolean()
  verbose = false;

  @Setting({
    env: 'SAMPLE_SECRET',
    flag: 'secret',
    expects: 'a word',
    parse: asString,
    secret: true,
    refusedAsFlag: (raw) => (raw.startsWith('pw:') ? 'holds a password' : undefined),
  })
  @IsOptional()
  @IsString()
  secret?: string;

  @Setting({ flag: 'name', expects: 'a name', parse: asString })
  @IsString()
  name!: string;
}

const load = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  loadSettings(Sample, { argv: ['--name=n', ...argv], env });

describe('loadSettings', () => {
  it('takes a flag over its variable, in both flag forms, and a switch alone as true', () => {
    expect({ ...load(['--port', '3', '--verbose'], { SAMPLE_PORT: '2' }) }).toEqual({
      port: 3,
      verbose: true,
      name: 'n',
    });
    expect(load([], { SAMPLE_PORT: '2', SAMPLE_VERBOSE: 'yes' })).toMatchObject({ port: 2, verbose: true });
  });

  it('treats an empty variable as unset', () => {
    expect(load([], { SAMPLE_PORT: '' }).port).toBe(1);
  });

  it.each([
    { argv: ['--port=0'], env: {}, message: '--port must be an integer from 1 to 9 (got "0")' },
    { argv: [], env: { SAMPLE_PORT: 'x' }, message: 'SAMPLE_PORT must be an integer from 1 to 9 (got "x")' },
    { argv: ['--port=1', '--port=2'], env: {}, message: '--port is given twice' },
    {
      argv: ['--secret=pw:hunter2'],
      env: {},
      message:
        "--secret holds a password, which every local user can read in the process table: set SAMPLE_SECRET instead (a process's environment is readable by its own user only)",
    },
  ])('stops at $message', ({ argv, env, message }) => {
    expect(() => load(argv, env)).toThrow(new ConfigError(message));
  });

  it('names a required flag left out', () => {
    expect(() => loadSettings(Sample, {})).toThrow(new ConfigError('--name is required: a name'));
  });
});
