// The discovery.k8s.io/v1 kinds as the registry stores them.
import type { IEndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { Kube } from '../common/kube-types';

export type EndpointSlice = Kube<IEndpointSlice>;

export type SliceEndpoint = EndpointSlice['endpoints'][number];

export type SlicePort = NonNullable<EndpointSlice['ports']>[number];

/** The label naming the Service a slice belongs to. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The label naming who manages a slice. */
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
