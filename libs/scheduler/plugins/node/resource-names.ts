// Resource names as v1helper sorts them, and the amount of one resource in Resources.
import { CPU, EPHEMERAL_STORAGE, MEMORY, type Resources } from '../../framework/resources';

/** Extended resources (`example.com/gpu`): qualified with a domain other than kubernetes.io. */
export const isExtendedResourceName = (name: string): boolean =>
  name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');

/** The resources counted by name (extended, hugepages-*, kubernetes.io/ prefixed, volumes). */
export const isScalarResourceName = (name: string): boolean =>
  isExtendedResourceName(name) ||
  name.startsWith('hugepages-') ||
  name.includes('kubernetes.io/') ||
  name.startsWith('attachable-volumes-');

/** cpu in millicores, the others in their units; 0 for a resource not in `r`. */
export const amountOf = (r: Resources, name: string): number => {
  switch (name) {
    case CPU:
      return r.milliCPU;
    case MEMORY:
      return r.memory;
    case EPHEMERAL_STORAGE:
      return r.ephemeralStorage;
    default:
      return r.scalar.get(name) ?? 0;
  }
};
