// The admission chain's seam: mutating plugins run before validation, validating ones after,
// as kube-apiserver orders them around a strategy's validate.
import { KubeObject } from '@kubenest/apimachinery';
import { ResourceKind } from './strategy';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionAttributes {
  operation: Operation;
  kind: ResourceKind;
  subresource?: string;
  namespace?: string;
  name: string;
  user?: { name: string; groups: string[] };
  dryRun: boolean;
  object?: KubeObject;
  oldObject?: KubeObject;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** May change attributes.object; throws a StatusError to refuse. */
  admit?(attributes: AdmissionAttributes): Promise<void>;
  /** Must not change anything; throws a StatusError to refuse. */
  validate?(attributes: AdmissionAttributes): Promise<void>;
}

export class AdmissionChain {
  constructor(private readonly plugins: AdmissionPlugin[] = []) {}

  async admit(attributes: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.admit?.(attributes);
  }

  async validate(attributes: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) await p.validate?.(attributes);
  }
}
