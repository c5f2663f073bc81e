import { localAgentEnv } from './local-agent-env';

describe('localAgentEnv', () => {
  it('passes what the agent reads', () => {
    const env = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C', TZ: 'UTC', TMPDIR: '/var/tmp', NO_COLOR: '1' };
    expect(localAgentEnv(env)).toEqual(env);
  });

  it("keeps the control plane's settings and credentials", () => {
    expect(
      localAgentEnv({
        PATH: '/bin',
        DATABASE_URL: 'postgres://kubenest:secret@db/kubenest',
        PGPASSWORD: 'secret',
        KUBENEST_DATA_DIR: '/var/lib/kubenest',
        NODE_OPTIONS: '--require /tmp/x.js',
        HOME: '/root',
      }),
    ).toEqual({ PATH: '/bin' });
  });

  it('leaves out what is unset', () => {
    expect(localAgentEnv({})).toEqual({});
  });
});
