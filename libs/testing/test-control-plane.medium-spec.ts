// The harness on a real PostgreSQL store: the same cases as on the FakeStore.
import { PostgresStore } from '@kubenest/storage';
import { startTestPostgres, TestPostgres } from './postgres';
import { startTestControlPlane, TestControlPlane } from './test-control-plane';
import { deniedWritesChangeNothing, namespaceDeletionCompletes } from './harness-cases/plane-cases';
import { namespaceFinalizerGrants, namespaceFinalizerLoop } from './harness-cases/namespace-finalizer.loop';

describe('startTestControlPlane on PostgreSQL', () => {
  let pg: TestPostgres;
  let plane: TestControlPlane;

  beforeAll(async () => {
    pg = await startTestPostgres();
    const store = await PostgresStore.open({ url: pg.url, pollIntervalMs: 200 });
    plane = await startTestControlPlane({ store, loops: [namespaceFinalizerLoop], grants: namespaceFinalizerGrants });
  });
  afterAll(async () => {
    await plane?.stop();
    await pg?.stop();
  });

  it('runs the chosen loop: a namespace deletion completes', () => namespaceDeletionCompletes(plane));

  it("refuses a denied identity's writes with 403 and changes nothing", () => deniedWritesChangeNothing(plane));
});
