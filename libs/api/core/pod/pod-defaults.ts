// Defaults of a Pod (not of a template): the pod-spec defaults, plus what kube-apiserver's
// defaulting and its ServiceAccount admission plugin fill in (priority and preemptionPolicy come from
// the Priority admission plugin, which runs after these).
import { defaultPodSpec } from '../pod-spec-defaults';
import { Container, Pod } from '../types';

// A pod's requests default to its limits, so that limits alone make a Guaranteed pod.
const defaultRequestsFromLimits = (c: Container): void => {
  const limits = c.resources?.limits;
  if (!limits) return;
  const requests = (c.resources!.requests ??= {});
  for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
};

export const defaultPod = (pod: Pod): void => {
  const spec = (pod.spec ??= { containers: [] });
  defaultPodSpec(spec);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultRequestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) p.hostPort ||= p.containerPort;
    }
  }
  spec.serviceAccountName ||= spec.serviceAccount || 'default';
  // The deprecated alias mirrors the real field, as core/v1's conversion writes it.
  spec.serviceAccount = spec.serviceAccountName;
};

/** On update, what admission filled in on create stays unless the client sets it again. */
export const keepAdmittedFields = (pod: Pod, old: Pod): void => {
  if (!pod.spec || !old.spec) return;
  pod.spec.priority ??= old.spec.priority;
  pod.spec.preemptionPolicy ??= old.spec.preemptionPolicy;
  pod.spec.serviceAccountName ||= old.spec.serviceAccountName;
};
