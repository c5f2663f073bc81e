// The table of a kind's subresources, derived from its strategy: status, scale and finalize from
// the strategy's fields, its update subresources (approval), the handlers it declares of its own
// (a pod's binding and eviction), and its connect subresources, whose handlers the app registers.
import type { Strategy } from '../strategy';
import { objectSubresource } from './object-subresources';
import { scaleSubresource } from './scale-subresource';
import { Subresource } from './subresource';

export type SubresourceTable = ReadonlyMap<string, Subresource>;

export const subresourceTable = (strategy: Strategy): SubresourceTable => {
  const table = new Map<string, Subresource>();
  if (strategy.status) table.set('status', objectSubresource('status'));
  if (strategy.scale) table.set('scale', scaleSubresource(strategy.scale));
  // As kube's FinalizeREST: namespaces/finalize is written, never read.
  if (strategy.finalize) table.set('finalize', objectSubresource('finalize', false));
  for (const name of Object.keys(strategy.updateSubresources ?? {})) table.set(name, objectSubresource(name));
  for (const [name, handler] of Object.entries(strategy.subresources ?? {})) table.set(name, handler);
  for (const name of strategy.connect ?? []) table.set(name, { connect: {} });
  return table;
};
