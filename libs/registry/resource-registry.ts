// The set of resources this server serves, looked up by group/version/plural or kind.
import { Strategy } from './strategy';

/** Nest injection token for the Strategy[] of every served resource. */
export const STRATEGIES = Symbol('STRATEGIES');

export const resourceKey = (group: string, version: string, plural: string): string => `${group}/${version}/${plural}`;

export class ResourceRegistry {
  private readonly byResource = new Map<string, Strategy>();

  constructor(readonly strategies: Strategy[]) {
    for (const s of strategies) this.byResource.set(resourceKey(s.kind.group, s.kind.version, s.kind.plural), s);
  }

  find(group: string, version: string, plural: string): Strategy | undefined {
    return this.byResource.get(resourceKey(group, version, plural));
  }

  /** Served group/versions in discovery order: the core group first, then groups by name. */
  groupVersions(): { group: string; version: string }[] {
    const seen = new Map<string, { group: string; version: string }>();
    for (const s of this.strategies)
      seen.set(`${s.kind.group}/${s.kind.version}`, { group: s.kind.group, version: s.kind.version });
    return [...seen.values()].sort((a, b) =>
      a.group === b.group ? 0 : a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group),
    );
  }
}
