// The resources the garbage collector may watch and delete, read from the registry as discovery
// serves them (create-only kinds, such as reviews and bindings, are not), following its changes.
import { isCreateOnly } from '@kubenest/api/openapi';
import { CollectedResource, CollectedResources } from '@kubenest/controllers';
import { ResourceStores } from '@kubenest/registry';

export const collectedResources = (stores: ResourceStores): CollectedResources => ({
  list: (): CollectedResource[] =>
    stores.registry.strategies
      .filter((strategy) => !isCreateOnly(strategy))
      .map((strategy) => {
        const { group, version, plural, kind } = strategy.kind;
        return {
          ref: { group, version, resource: plural },
          kind,
          namespaced: strategy.namespaced,
          storage: stores.entry(strategy).store.prefix,
        };
      }),
  onChange: (listener) => stores.registry.onChange(() => listener()),
});
