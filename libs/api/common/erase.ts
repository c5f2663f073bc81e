// A strategy for one kind, seen as a strategy for any object: the registry holds them in one list.
import { KubeObject } from '@kubenest/apimachinery';
import type { Strategy } from '@kubenest/registry';

// Columns and field getters take the kind's own type, so they are contravariant in it; the
// registry only ever hands a strategy objects of its own kind.
export const erase = <T extends KubeObject>(strategy: Strategy<T>): Strategy => strategy as unknown as Strategy;
