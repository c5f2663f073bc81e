// The unit tests' FakeStore keeps the Store contract PostgresStore keeps (see postgres-store.contract.medium-spec.ts).
import { describeStoreContract } from '@kubenest/storage/testing/store-contract';
import { FakeStore } from './fake-store';

describeStoreContract('FakeStore', async () => new FakeStore());
