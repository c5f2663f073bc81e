// As kube-apiserver's Priority admission plugin: a new pod's priorityClassName (or, without one, the
// global default class) becomes its spec.priority and spec.preemptionPolicy; at most one class is the
// global default. As kube's PriorityClass storage, the system classes may not be deleted.
import { StatusError } from '@kubenest/apimachinery';
import type { Pod } from '@kubenest/api/core/types';
import {
  DEFAULT_PREEMPTION_POLICY,
  DEFAULT_PRIORITY_WITHOUT_DEFAULT_CLASS,
  isSystemPriorityClass,
  PreemptionPolicy,
  PriorityClass,
} from '@kubenest/api/scheduling';
import { AdmissionAttributes, AdmissionPlugin } from '@kubenest/registry';

/** How the plugin reads PriorityClasses: an informer's lister in the apiserver, as kube's plugin does. */
export interface PriorityClassReader {
  get(name: string): Promise<PriorityClass | undefined>;
  list(): Promise<PriorityClass[]>;
}

interface ResolvedPriority {
  className: string;
  priority: number;
  preemptionPolicy?: PreemptionPolicy;
}

const PODS = { group: '', resource: 'pods' };
const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

const isPod = (a: AdmissionAttributes) => a.kind.group === '' && a.kind.kind === 'Pod';
const isPriorityClass = (a: AdmissionAttributes) =>
  a.kind.group === PRIORITY_CLASSES.group && a.kind.kind === 'PriorityClass';

/** The global default; should a race have made several, the lowest value wins, as in kube. */
export const globalDefaultClass = (classes: PriorityClass[]): PriorityClass | undefined =>
  classes
    .filter((pc) => pc.globalDefault)
    .reduce<PriorityClass | undefined>((low, pc) => (low && low.value <= pc.value ? low : pc), undefined);

export class Priority implements AdmissionPlugin {
  readonly name = 'Priority';

  constructor(private readonly classes: PriorityClassReader) {}

  async admit(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.subresource || !isPod(a) || !a.object) return;
    const pod = a.object as Pod;
    const spec = (pod.spec ??= { containers: [] });
    const forbid = (detail: string) => StatusError.forbidden(PODS, a.name, detail);
    const resolved = await this.resolve(spec.priorityClassName, forbid);
    if (spec.priority != null && spec.priority !== resolved.priority) {
      throw forbid(
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; ` +
          `priority admission controller computed ${resolved.priority} from the given PriorityClass name`,
      );
    }
    if (resolved.className) spec.priorityClassName = resolved.className;
    spec.priority = resolved.priority;
    if (!resolved.preemptionPolicy) return;
    if (spec.preemptionPolicy && spec.preemptionPolicy !== resolved.preemptionPolicy) {
      throw forbid(
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; ` +
          `priority admission controller computed ${resolved.preemptionPolicy} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = resolved.preemptionPolicy;
  }

  async validate(a: AdmissionAttributes): Promise<void> {
    if (a.subresource || !isPriorityClass(a)) return;
    if (a.operation === 'DELETE') {
      if (isSystemPriorityClass(a.name)) {
        throw StatusError.forbidden(PRIORITY_CLASSES, a.name, 'this is a system priority class and cannot be deleted');
      }
      return;
    }
    const pc = a.object as PriorityClass | undefined;
    if (!pc?.globalDefault) return;
    const current = globalDefaultClass(await this.classes.list());
    if (!current) return;
    // Updating the default class itself may keep it the default.
    if (a.operation === 'CREATE' || current.metadata.name !== pc.metadata.name) {
      throw StatusError.forbidden(
        PRIORITY_CLASSES,
        a.name,
        `PriorityClass ${current.metadata.name} is already marked as default. Only one default can exist`,
      );
    }
  }

  private async resolve(
    className: string | undefined,
    forbid: (detail: string) => StatusError,
  ): Promise<ResolvedPriority> {
    if (!className) {
      const fallback = globalDefaultClass(await this.classes.list());
      if (!fallback) {
        return {
          className: '',
          priority: DEFAULT_PRIORITY_WITHOUT_DEFAULT_CLASS,
          preemptionPolicy: DEFAULT_PREEMPTION_POLICY,
        };
      }
      return {
        className: fallback.metadata.name!,
        priority: fallback.value,
        preemptionPolicy: fallback.preemptionPolicy,
      };
    }
    const pc = await this.classes.get(className);
    if (!pc) throw forbid(`no PriorityClass with name ${className} was found`);
    return { className, priority: pc.value, preemptionPolicy: pc.preemptionPolicy };
  }
}
