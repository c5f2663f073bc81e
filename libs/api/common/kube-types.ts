// Turns a kubernetes-models interface into the object shape the registry stores: metadata
// always present, apiVersion and kind set by the codec rather than by each strategy.
import { KubeObject } from '@kubenest/apimachinery';

export type Kube<T> = Omit<T, 'metadata' | 'apiVersion' | 'kind'> & KubeObject;

/** intstr.IntOrString as JSON carries it. */
export type IntOrString = number | string;
