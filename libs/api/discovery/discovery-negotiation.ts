// Picks the discovery document an Accept header asks for: aggregated v2, then v2beta1 (kubectl
// 1.27 knows only that one), else the legacy documents.
import { AggregatedDiscoveryVersion } from './aggregated-discovery';

export type DiscoveryFormat = AggregatedDiscoveryVersion | 'legacy';

interface MediaRange {
  type: string;
  params: Map<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...rest] = part.split(';').map((p) => p.trim());
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0)
          params.set(
            p.slice(0, eq).trim().toLowerCase(),
            p
              .slice(eq + 1)
              .trim()
              .replace(/^"|"$/g, ''),
          );
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((m) => m.type && m.params.get('q') !== '0');
}

const asksFor = (ranges: MediaRange[], version: AggregatedDiscoveryVersion): boolean =>
  ranges.some(
    (m) =>
      m.type === 'application/json' &&
      m.params.get('g') === 'apidiscovery.k8s.io' &&
      m.params.get('v') === version &&
      m.params.get('as') === 'APIGroupDiscoveryList',
  );

export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat {
  const ranges = parseAccept(accept ?? '');
  if (asksFor(ranges, 'v2')) return 'v2';
  if (asksFor(ranges, 'v2beta1')) return 'v2beta1';
  return 'legacy';
}
