// PostgreSQL used the way Kubernetes uses etcd.
export * from './store';
export * from './store-error';
export * from './postgres-store';
export * from './compactor';
export * from './data-source';
export * from './embedded-postgres';
export * from './supervised-postgres';
