// Three test layers: unit (no I/O), medium (a real PostgreSQL), e2e (the running server and real clients).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
  },
];
const moduleNameMapper = {
  '^@kubenest/([a-z-]+)$': '<rootDir>/libs/$1/index.ts',
  '^@kubenest/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/$2',
};
const base = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };
module.exports = {
  testTimeout: 180000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'medium', testMatch: ['<rootDir>/{apps,libs}/**/*.medium-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
  ],
};
