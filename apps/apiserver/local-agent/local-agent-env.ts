// The environment the local agent runs with: of the control plane's, only what the agent and the
// tools it runs (mkfifo, stty, unshare, nsenter) read. The control plane's own settings stay out:
// they hold credentials (DATABASE_URL, its password included), which the agent has no use for
// and would keep for its whole life, readable in /proc/<pid>/environ.

/** PATH finds the tools; the locale and time zone shape their output and the log's timestamps;
 * TMPDIR is where temporary files go; NO_COLOR keeps the agent's log lines plain when the control
 * plane's are (see apps/apiserver/main.ts). */
const PASSED = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NO_COLOR'] as const;

export const localAgentEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(PASSED.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
