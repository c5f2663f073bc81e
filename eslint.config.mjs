// Lint rules: typescript-eslint's recommended set over the whole TypeScript tree, and the import
// boundaries that keep the architecture's layering true (storage → registry →
// HTTP; loops, the scheduler and the agent use only @kubenest/client).
import tseslint from 'typescript-eslint';

// What each library's code may import besides itself. A library not listed here (testing: the
// harness that assembles every layer) is free.
const LIBRARY_IMPORTS = {
  apimachinery: [],
  storage: ['apimachinery'],
  pki: ['apimachinery'],
  config: ['apimachinery'],
  'node-protocol': ['apimachinery'],
  registry: ['apimachinery', 'storage'],
  api: ['apimachinery', 'registry'],
  auth: ['apimachinery', 'registry', 'api', 'pki', 'node-protocol'],
  client: ['apimachinery', 'registry', 'api', 'auth', 'pki'],
  controllers: ['apimachinery', 'client', 'api', 'auth', 'pki'],
  scheduler: ['apimachinery', 'client', 'api', 'auth', 'controllers'],
  // The control plane below HTTP, assembled as Nest modules for the apiserver and the test harness.
  'control-plane': ['apimachinery', 'storage', 'registry', 'api', 'auth', 'client', 'controllers', 'scheduler'],
};

// The registry sees the store through its interface only, never PostgresStore or its parts.
const STORE_INTERFACE = [
  'KeyValue',
  'ListOptions',
  'ListResult',
  'Preconditions',
  'Store',
  'StoreError',
  'StoreErrorCode',
  'StoreEvent',
  'WatchCallbacks',
  'WatchEventType',
  'Watcher',
];

// The agent is a remote process: the API through the client, certificates through pki. Of the
// controller kit it takes only the informers and the work queue, which stand on the client alone
// (the kit's barrel also holds the loops, which import auth).
const AGENT_MAY_NOT_IMPORT = ['registry', 'storage', 'auth'];
const KIT_FOR_THE_AGENT = [
  'informer/shared-informer',
  'informer/informer-factory',
  'informer/indexer',
  'informer/index-functions',
  'queue',
  'events',
];

// The apiserver's wiring may reach every layer; its HTTP side and every other folder stop at the registry.
const WIRING_FOLDER = 'apps/apiserver/wiring/*.ts';
const APISERVER_WIRING = [
  'apps/apiserver/main.ts',
  'apps/apiserver/control-plane.ts',
  'apps/apiserver/apiserver.module.ts',
  WIRING_FOLDER,
];

// Tests assemble layers (real strategies, fakes, a PostgreSQL), so only the folder rule binds them.
const TESTS = ['**/*.spec.ts', '**/*.medium-spec.ts', '**/testing/**/*.ts'];

const MAX_DEPTH = 8;
const alias = (names) => `@kubenest/(${names.join('|')})(/|$)`;
const onlyAliases = (allowed) => ({
  regex: `^@kubenest/(?!${allowed.map((n) => `${n}(/|$)`).join('|')})`,
  message: `this layer may import only ${allowed.map((n) => `@kubenest/${n}`).join(', ')} (see the layering in eslint.config.mjs)`,
});
const noAliases = (names, why) => ({ regex: `^${alias(names)}`, message: why });
// A relative import may not climb out of its library or app: another library is reached through
// its @kubenest alias, so the rules above see it. The migrations at the top are data, not a layer.
const staysInside = (depth) => ({
  regex: `^(?!(\\.\\./){${depth + 1}}migrations/)(\\.\\./){${depth},}`,
  message: 'reach another library through its @kubenest/<name> alias, never a relative path',
});
const rule = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

/** Files of a library or app at one folder depth (1: directly in it). */
const atDepth = (root, depth) => `${root}/${'*/'.repeat(depth - 1)}*.ts`;
const depths = Array.from({ length: MAX_DEPTH }, (_, i) => i + 1);

const registryStorage = {
  paths: [
    {
      name: '@kubenest/storage',
      allowImportNames: STORE_INTERFACE,
      message: 'the registry uses the Store interface (store.ts, store-error.ts) only',
    },
  ],
  patterns: [noAliases(['storage/.+'], 'the registry uses the Store interface from @kubenest/storage only')],
};

const libraryRules = Object.entries(LIBRARY_IMPORTS).flatMap(([lib, allowed]) =>
  depths.map((depth) => ({
    files: [atDepth(`libs/${lib}`, depth)],
    ignores: TESTS,
    rules:
      lib === 'registry'
        ? rule([staysInside(depth), onlyAliases([lib, ...allowed]), ...registryStorage.patterns], registryStorage.paths)
        : rule([staysInside(depth), onlyAliases([lib, ...allowed])]),
  })),
);

const agentRules = depths.map((depth) => ({
  files: [atDepth('apps/agent', depth)],
  ignores: TESTS,
  rules: rule([
    staysInside(depth),
    noAliases(
      AGENT_MAY_NOT_IMPORT,
      'the agent is a remote node: the API through @kubenest/client, certificates from @kubenest/pki',
    ),
    {
      regex: `^@kubenest/controllers(?!/(${KIT_FOR_THE_AGENT.join('|')})$)`,
      message: `of the controller kit the agent may import only ${KIT_FOR_THE_AGENT.map((p) => `@kubenest/controllers/${p}`).join(', ')}`,
    },
  ]),
}));

const apiserverRules = depths.map((depth) => ({
  files: [atDepth('apps/apiserver', depth)],
  ignores: [...TESTS, ...APISERVER_WIRING],
  rules: rule([
    staysInside(depth),
    noAliases(
      ['storage'],
      'HTTP stops at the registry: storage errors and stores come to it through @kubenest/registry',
    ),
  ]),
}));

// Every library and app keeps to its folder; the rules after this one add its layer's limits, and
// tests and the wiring files keep only this one.
const folders = ['libs/*', 'apps/*'].flatMap((root) =>
  depths.map((depth) => ({ files: [atDepth(root, depth)], rules: rule([staysInside(depth)]) })),
);
const testFolders = ['libs/*', 'apps/*'].flatMap((root) =>
  depths.map((depth) => ({ files: TESTS.map((t) => [atDepth(root, depth), t]), rules: rule([staysInside(depth)]) })),
);
const wiring = [
  { files: APISERVER_WIRING.filter((f) => f !== WIRING_FOLDER), rules: rule([staysInside(1)]) },
  { files: [WIRING_FOLDER], rules: rule([staysInside(2)]) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.kubenest/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...folders,
  ...libraryRules,
  ...agentRules,
  ...apiserverRules,
  ...testFolders,
  ...wiring,
);
