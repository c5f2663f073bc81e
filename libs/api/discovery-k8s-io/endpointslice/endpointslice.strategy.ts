// discovery.k8s.io/v1 EndpointSlice: a share of a Service's endpoints, and `kubectl get endpointslices`.
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { EndpointSlice } from '../types';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice-validation';

const SHOWN = 3;

/** The first three items, then "+ N more...", or "<unset>" for none, as kube's printer lists them. */
const listWithMore = (items: string[]): string => {
  if (items.length === 0) return '<unset>';
  const shown = items.slice(0, SHOWN).join(',');
  return items.length > SHOWN ? `${shown} + ${items.length - SHOWN} more...` : shown;
};

/** PORTS: each port's number, else its name, else "*" (every port). */
export const formatSlicePorts = (slice: EndpointSlice): string =>
  listWithMore((slice.ports ?? []).map((p) => (p.port != null ? String(p.port) : (p.name ?? '*'))));

/** ENDPOINTS: every endpoint's addresses. */
export const formatSliceEndpoints = (slice: EndpointSlice): string =>
  listWithMore((slice.endpoints ?? []).flatMap((ep) => ep.addresses ?? []));

const defaultProtocols = (slice: EndpointSlice): void => {
  for (const p of slice.ports ?? []) p.protocol ||= 'TCP';
};

export const endpointSliceStrategy: Strategy<EndpointSlice> = {
  kind: {
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
  },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  // Consumers (the endpointslice loop's own staleness check in kube) read the generation.
  generationTracked: true,
  prepareForCreate: defaultProtocols,
  prepareForUpdate: defaultProtocols,
  validate: validateEndpointSlice,
  validateUpdate: validateEndpointSliceUpdate,
  columns: [
    column('AddressType', (s) => s.addressType ?? '', {
      description: 'The address type of the endpoints in this slice.',
    }),
    column('Ports', formatSlicePorts, { description: 'The ports of the endpoints in this slice.' }),
    column('Endpoints', formatSliceEndpoints, { description: 'The addresses of the endpoints in this slice.' }),
    ageColumn,
  ],
};
