// Test helpers: a real PostgreSQL, the built server, the real kubectl.
export * from './postgres';
export * from './kubenest-server';
export * from './kubectl';
