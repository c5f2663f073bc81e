// The core/v1 kinds as the registry stores them.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IEndpoints } from 'kubernetes-models/v1/Endpoints';
import type { IEvent } from 'kubernetes-models/v1/Event';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { INode } from 'kubernetes-models/v1/Node';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import { Kube } from '../common/kube-types';

export type Pod = Kube<IPod>;
export type PodSpec = IPodSpec;
export type PodTemplateSpec = IPodTemplateSpec;
export type Container = IContainer;
export type Namespace = Kube<INamespace>;
export type Node = Kube<INode>;
export type Service = Kube<IService>;
export type ServicePort = IServicePort;
export type Endpoints = Kube<IEndpoints>;
export type ConfigMap = Kube<IConfigMap>;
export type Secret = Kube<ISecret>;
export type ServiceAccount = Kube<IServiceAccount>;
export type CoreEvent = Kube<IEvent>;
