import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@kubenest/config';
import { loadAgentConfig } from './load-agent-config';

const server = ['--server', 'https://10.0.0.1:6443'];
const token = 'abcdef.0123456789abcdef';
const hash = `sha256:${'ab'.repeat(32)}`;

describe('loadAgentConfig', () => {
  it('uses the defaults when only --server is given', () => {
    expect({ ...loadAgentConfig(server) }).toEqual({
      server: 'https://10.0.0.1:6443',
      name: hostname().toLowerCase(),
      dataDir: resolve('.kubenest-agent'),
      stopPods: false,
      simulate: 0,
      nodeLabels: {},
      registerWithTaints: [],
      pods: 110,
    });
  });

  it('needs no --server with --stop-pods, a switch', () => {
    expect(loadAgentConfig(['--stop-pods', '--data-dir', 'state/agent'])).toMatchObject({
      stopPods: true,
      dataDir: resolve('state/agent'),
    });
    expect(loadAgentConfig([...server, '--stop-pods=false']).stopPods).toBe(false);
    expect(() => loadAgentConfig(['--stop-pods=false'])).toThrow(
      new ConfigError('--server is required: the control plane URL, https://host:port'),
    );
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const config = loadAgentConfig([
      ...server,
      `--token=${token}`,
      '--ca-cert-hash',
      hash.toUpperCase().replace('SHA256', 'sha256'),
      '--name=worker-1',
      '--data-dir',
      'state/agent',
      '--simulate=3',
      '--node-labels',
      'zone=a,example.com/tier=gold,empty=',
      '--register-with-taints=dedicated=gpu:NoSchedule,spot:PreferNoSchedule',
      '--cpu=3500m',
      '--memory',
      '8Gi',
      '--pods=50',
    ]);
    expect({ ...config }).toEqual({
      server: 'https://10.0.0.1:6443',
      token,
      caCertHash: hash,
      name: 'worker-1',
      dataDir: resolve('state/agent'),
      stopPods: false,
      simulate: 3,
      nodeLabels: { zone: 'a', 'example.com/tier': 'gold', empty: '' },
      registerWithTaints: [
        { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
        { key: 'spot', effect: 'PreferNoSchedule' },
      ],
      cpu: '3500m',
      memory: '8Gi',
      pods: 50,
    });
  });

  it.each([
    [[], '--server is required: the control plane URL, https://host:port'],
    [['--server=http://x:6443'], '--server must be the control plane URL, https://host:port (got "http://x:6443")'],
    [[...server, '--token=nope'], '--token must be a bootstrap token <6 characters>.<16 characters> of a-z and 0-9'],
    [[...server, '--ca-cert-hash=md5:aa'], '--ca-cert-hash must be sha256: and 64 hexadecimal digits (got "md5:aa")'],
    [
      [...server, '--name=Worker_1'],
      '--name must be a node name (lowercase DNS subdomain, at most 253 characters) (got "Worker_1")',
    ],
    [[...server, '--simulate=-1'], '--simulate must be a number of simulated nodes from 0 to 10000 (got "-1")'],
    [[...server, '--simulate=lots'], '--simulate must be a number of simulated nodes from 0 to 10000 (got "lots")'],
    [
      [...server, '--node-labels=zone'],
      '--node-labels must be labels key=value,... with valid label keys and values (got "zone")',
    ],
    [
      [...server, '--node-labels=a=1,a=2'],
      '--node-labels must be labels key=value,... with valid label keys and values (got "a=1,a=2")',
    ],
    [
      [...server, '--node-labels=bad key=1'],
      '--node-labels must be labels key=value,... with valid label keys and values (got "bad key=1")',
    ],
    [
      [...server, '--register-with-taints=a=b:Sometimes'],
      '--register-with-taints must be taints key=value:Effect,... with Effect NoSchedule, PreferNoSchedule or NoExecute (got "a=b:Sometimes")',
    ],
    [[...server, '--cpu=0'], '--cpu must be a positive quantity such as 4 or 3500m (got "0")'],
    [[...server, '--memory=lots'], '--memory must be a positive quantity such as 8Gi (got "lots")'],
    [[...server, '--pods=0'], '--pods must be a number of pods from 1 to 10000 (got "0")'],
    [[...server, '--pods'], '--pods needs a value'],
    [[...server, '--stop-pods=yes'], '--stop-pods must be true or false (got "yes")'],
    [[...server, '--pods=1', '--pods=2'], '--pods is given twice'],
    [[...server, 'extra'], 'unexpected argument "extra": flags are written --name value'],
  ])('rejects %j', (argv, message) => {
    expect(() => loadAgentConfig(argv)).toThrow(new ConfigError(message));
  });

  it('rejects an unknown flag, listing the known ones', () => {
    expect(() => loadAgentConfig([...server, '--nope=1'])).toThrow(/^unknown flag --nope \(known: --server, --token,/);
  });

  it('never echoes a token', () => {
    expect(() => loadAgentConfig([...server, '--token=secret-but-malformed'])).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });

  describe('--token-file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-token-file-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const tokenFile = (name: string, content: string, mode = 0o600): string => {
      const path = join(dir, name);
      writeFileSync(path, content);
      chmodSync(path, mode);
      return path;
    };

    it('reads the token from a file only its owner may read', () => {
      const path = tokenFile('ok', `${token}\n`);
      expect(loadAgentConfig([...server, '--token-file', path])).toMatchObject({ token, tokenFile: path });
    });

    it.each(['0640', '0604', '0644', '0660'])('refuses a file of mode %s, as ssh refuses an open key', (mode) => {
      const path = tokenFile(`open-${mode}`, token, parseInt(mode, 8));
      expect(() => loadAgentConfig([...server, '--token-file', path])).toThrow(
        new ConfigError(
          `--token-file ${path} is open to others (mode ${mode}): a token file must be readable by its owner only (chmod 600), as ssh requires of private keys`,
        ),
      );
    });

    it('refuses --token beside it', () => {
      const path = tokenFile('both', token);
      expect(() => loadAgentConfig([...server, '--token', token, '--token-file', path])).toThrow(
        new ConfigError('--token and --token-file are both given: give one'),
      );
    });

    it('refuses a file that does not hold a token, without echoing it', () => {
      const path = tokenFile('bad', 'secret-but-malformed');
      expect(() => loadAgentConfig([...server, '--token-file', path])).toThrow(
        new ConfigError(
          `--token-file ${path} must hold a bootstrap token <6 characters>.<16 characters> of a-z and 0-9`,
        ),
      );
    });

    it('says when the file cannot be read', () => {
      const path = join(dir, 'missing');
      expect(() => loadAgentConfig([...server, '--token-file', path])).toThrow(
        new ConfigError(`--token-file ${path} cannot be read (ENOENT)`),
      );
    });
  });
});
