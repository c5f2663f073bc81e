// core/v1 Pod: defaults and validation of the spec, status written by the node agent through
// /status, the columns of `kubectl get pods`, and the field selectors kubelets and the
// scheduler watch with (spec.nodeName, status.phase, ...).
import type { Strategy } from '@kubenest/registry';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { podBinding } from './pod-binding';
import { defaultPod, keepAdmittedFields } from './pod-defaults';
import { podEviction } from './pod-eviction';
import { podQOSClass } from './pod-qos';
import { validatePodSpec } from '../pod-spec-validation';
import { podStatusCells, readinessGatesCell } from './pod-status-cells';
import { validatePodSpecUpdate } from './pod-update-validation';
import { Pod } from '../types';

const podIP = (pod: Pod): string => pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';

export const podStrategy: Strategy<Pod> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    categories: ['all'],
  },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  generationTracked: true,
  prepareForCreate: (pod) => {
    defaultPod(pod);
    pod.status = { phase: 'Pending', qosClass: podQOSClass(pod.spec!) };
  },
  prepareForUpdate: (pod, old) => {
    keepAdmittedFields(pod, old);
    defaultPod(pod);
  },
  validate: (pod) => validatePodSpec(pod.spec, 'spec'),
  validateUpdate: (pod, old) => validatePodSpecUpdate(pod, old),
  status: {},
  subresources: { binding: podBinding, eviction: podEviction },
  // Served through the tunnel of the pod's node (apps/apiserver/node-tunnel registers the handler).
  connect: ['log', 'exec', 'attach', 'portforward'],
  // As kube-apiserver does: an unscheduled or finished pod has nothing to stop, so it goes at once.
  gracePeriodSeconds: (pod, requested) => {
    if (!pod.spec?.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  },
  columns: [
    column('Ready', (pod, now) => podStatusCells(pod, now).ready, {
      description: 'The aggregate readiness state of this pod for accepting traffic.',
    }),
    column('Status', (pod, now) => podStatusCells(pod, now).status, {
      description: 'The aggregate status of the containers in this pod.',
    }),
    column('Restarts', (pod, now) => podStatusCells(pod, now).restarts, {
      description:
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    }),
    ageColumn,
    column('IP', (pod) => podIP(pod) || '<none>', { priority: 1, description: 'IP address allocated to the pod.' }),
    column('Node', (pod) => pod.spec?.nodeName || '<none>', {
      priority: 1,
      description: 'The node the pod is scheduled onto.',
    }),
    column('Nominated Node', (pod) => pod.status?.nominatedNodeName || '<none>', {
      priority: 1,
      description: 'The node the scheduler nominated for this pod when it preempted others.',
    }),
    column('Readiness Gates', readinessGatesCell, {
      priority: 1,
      description: 'Readiness gates of the pod that are met, of all.',
    }),
  ],
  fieldSelectors: {
    'spec.nodeName': (pod) => pod.spec?.nodeName ?? '',
    'spec.restartPolicy': (pod) => pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': (pod) => pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (pod) => pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (pod) => String(pod.spec?.hostNetwork ?? false),
    'status.phase': (pod) => pod.status?.phase ?? '',
    'status.podIP': podIP,
    'status.nominatedNodeName': (pod) => pod.status?.nominatedNodeName ?? '',
  },
};
