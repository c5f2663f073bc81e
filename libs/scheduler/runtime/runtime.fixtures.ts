// Fake plugins and a framework built from them, for the runtime's tests.
import { FakeResourceClient } from '@kubenest/client/testing';
import { Plugin, PluginFactory, Snapshot } from '../framework';
import { NodeSnapshot } from '../cache';
import { PodNominator } from '../queue';
import { Framework } from './framework';
import { Profile, WeightedPlugin } from './profile';

export const profileOf = (multiPoint: (string | WeightedPlugin)[], extra: Partial<Profile> = {}): Profile => ({
  schedulerName: 'default-scheduler',
  plugins: {
    multiPoint: multiPoint.map((p) => (typeof p === 'string' ? { name: p, weight: 1 } : p)),
    enabled: {},
    disabled: {},
  },
  pluginConfig: {},
  ...extra,
});

export const frameworkOf = (
  plugins: Record<string, Omit<Plugin, 'name'> & Record<string, unknown>>,
  profile: Profile,
  snapshot: Snapshot = NodeSnapshot.of([]),
  nominator = new PodNominator(),
): Framework => {
  const registry: Record<string, PluginFactory> = Object.fromEntries(
    Object.entries(plugins).map(([name, hooks]) => [name, () => ({ name, ...hooks }) as Plugin]),
  );
  registry.Binder ??= () => ({ name: 'Binder', bind: async () => ({ code: 'Success', reasons: [] }) }) as Plugin;
  const withBinder: Profile = {
    ...profile,
    plugins: { ...profile.plugins, multiPoint: [...profile.plugins.multiPoint, { name: 'Binder', weight: 1 }] },
  };
  return new Framework(withBinder, registry, {
    client: new FakeResourceClient(),
    recorder: { event: () => undefined },
    nominator,
    listerFor: () => {
      throw new Error('no listers in these tests');
    },
    snapshot: () => snapshot,
  });
};
