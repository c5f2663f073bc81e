import { startUpSummary } from './start-up-summary';

describe('startUpSummary', () => {
  const plane = {
    url: 'https://127.0.0.1:6443',
    kubeconfigPath: '/srv/.kubenest/admin.kubeconfig',
    adminTokenPath: '/srv/.kubenest/admin.token',
    database: 'embedded PostgreSQL in /srv/.kubenest/pg',
  };

  it('says where things are, with the local node', () => {
    expect(startUpSummary({ ...plane, nodeName: 'build-host' })).toBe(
      [
        'Kubenest is serving on https://127.0.0.1:6443',
        '  kubeconfig   /srv/.kubenest/admin.kubeconfig',
        '               export KUBECONFIG=/srv/.kubenest/admin.kubeconfig; kubectl get namespaces',
        '  admin token  /srv/.kubenest/admin.token (a bearer token, e.g. for the Swagger console at https://127.0.0.1:6443/docs)',
        '  node         build-host (the local agent)',
        '  database     embedded PostgreSQL in /srv/.kubenest/pg',
        '',
      ].join('\n'),
    );
  });

  it('leaves the node out when no local agent runs', () => {
    expect(startUpSummary(plane)).not.toContain('node ');
  });
});
