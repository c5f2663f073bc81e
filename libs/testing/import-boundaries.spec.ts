// The import boundaries `npm run lint` enforces (eslint.config.mjs): an import across a forbidden
// layer fails, the allowed one passes. Each probe is source text linted as if it were at a path.
// ESLint runs in a child process: it loads its ES-module config with import(), which Jest's
// module sandbox refuses.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

interface Probe {
  path: string;
  source: string;
  /** The boundary a refused probe crosses. */
  layer?: string;
}

const root = join(__dirname, '..', '..');

const LINT_PROBES = `
const { ESLint } = require('eslint');
const { join } = require('node:path');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint();
(async () => {
  const found = [];
  for (const { path, source } of probes) {
    const [result] = await eslint.lintText(source + '\\nexport const probe = 1;\\n', { filePath: join(process.cwd(), path) });
    found.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(found));
})();
`;

/** The no-restricted-imports messages for each probe, in order. */
const restrictedImports = (probes: Probe[]): Promise<string[][]> =>
  new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', LINT_PROBES], { cwd: root }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string[][]),
    );
    child.stdin!.end(JSON.stringify(probes));
  });

const refused: Probe[] = [
  { layer: 'storage', path: 'libs/storage/probe.ts', source: "import '@kubenest/registry';" },
  { layer: 'storage', path: 'libs/storage/probe.ts', source: "import '@kubenest/api/core';" },
  { layer: 'apimachinery', path: 'libs/apimachinery/quantity/probe.ts', source: "import '@kubenest/storage';" },
  {
    layer: 'registry',
    path: 'libs/registry/probe.ts',
    source: "import { PostgresStore } from '@kubenest/storage';",
  },
  { layer: 'registry', path: 'libs/registry/cache/probe.ts', source: "import '@kubenest/storage/postgres-store';" },
  { layer: 'registry', path: 'libs/registry/probe.ts', source: "import '@kubenest/auth';" },
  { layer: 'HTTP', path: 'apps/apiserver/http/probe.ts', source: "import { StoreError } from '@kubenest/storage';" },
  { layer: 'HTTP', path: 'apps/apiserver/node-tunnel/probe.ts', source: "import '@kubenest/storage';" },
  { layer: 'agent', path: 'apps/agent/join/probe.ts', source: "import '@kubenest/auth';" },
  { layer: 'agent', path: 'apps/agent/probe.ts', source: "import '@kubenest/registry';" },
  { layer: 'agent', path: 'apps/agent/pods/probe.ts', source: "import '@kubenest/controllers';" },
  { layer: 'agent', path: 'apps/agent/probe.ts', source: "import '@kubenest/controllers/informer';" },
  {
    layer: 'agent',
    path: 'apps/agent/events/probe.ts',
    source: "import '@kubenest/controllers/events/event-recorder';",
  },
  { layer: 'a new loop', path: 'libs/controllers/replicaset/probe.ts', source: "import '@kubenest/registry';" },
  { layer: 'a new loop', path: 'libs/controllers/replicaset/probe.ts', source: "import '@kubenest/storage';" },
  {
    layer: 'a loop moved onto the kit',
    path: 'libs/controllers/namespace/namespace.reconciler.ts',
    source: "import '@kubenest/registry';",
  },
  { layer: 'pki', path: 'libs/pki/probe.ts', source: "import '@kubenest/auth';" },
  { layer: 'a relative path', path: 'libs/storage/probe.ts', source: "import '../registry/generic-store';" },
  { layer: 'a relative path', path: 'libs/registry/cache/probe.ts', source: "import '../../storage/sql';" },
  { layer: 'a relative path', path: 'apps/apiserver/http/probe.ts', source: "import '../../agent/agent';" },
  { layer: 'a relative path', path: 'libs/api/probe.ts', source: "import '../../apps/apiserver/main';" },
];

const allowed: Probe[] = [
  { path: 'libs/registry/probe.ts', source: "import { Store, StoreError } from '@kubenest/storage';" },
  { path: 'libs/storage/probe.ts', source: "import '../../migrations/1732550400000-create-store';" },
  { path: 'apps/apiserver/control-plane.ts', source: "import { PostgresStore } from '@kubenest/storage';" },
  { path: 'apps/apiserver/http/probe.ts', source: "import '@kubenest/registry';" },
  { path: 'apps/agent/join/probe.ts', source: "import '@kubenest/pki';" },
  { path: 'apps/agent/pods/probe.ts', source: "import '@kubenest/controllers/informer/shared-informer';" },
  { path: 'apps/agent/events/probe.ts', source: "import '@kubenest/controllers/events';" },
  { path: 'libs/controllers/replicaset/probe.ts', source: "import '@kubenest/client';" },
  { path: 'libs/registry/probe.spec.ts', source: "import '@kubenest/api';" },
  { path: 'libs/storage/probe.medium-spec.ts', source: "import '@kubenest/testing/postgres';" },
];

describe('import boundaries', () => {
  let found: string[][];
  beforeAll(async () => {
    found = await restrictedImports([...refused, ...allowed]);
  });

  it.each(refused.map((probe, i) => ({ ...probe, i })))('refuses $source in $path ($layer)', ({ i }) => {
    expect(found[i]).toHaveLength(1);
  });

  it.each(allowed.map((probe, i) => ({ ...probe, i: refused.length + i })))('allows $source in $path', ({ i }) => {
    expect(found[i]).toEqual([]);
  });
});
