// core/v1 Event: what happened to which object; `kubectl describe` finds a pod's events with
// the involvedObject.* field selectors.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid } from '@kubenest/apimachinery';
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { eventColumns } from './event-columns';
import { CoreEvent } from '../types';

// An event lives in its object's namespace; one about a cluster-scoped object, in "default" or none.
const validateNamespaceAgreement = (ev: CoreEvent): FieldError[] => {
  if (ev.eventTime) return [];
  const involved = ev.involvedObject?.namespace ?? '';
  const own = ev.metadata.namespace ?? '';
  const agrees = involved ? own === involved : own === '' || own === 'default';
  return agrees ? [] : [invalid('involvedObject.namespace', involved, 'does not match event.namespace')];
};

export const coreEventStrategy: Strategy<CoreEvent> = {
  kind: { group: '', version: 'v1', kind: 'Event', plural: 'events', singular: 'event', shortNames: ['ev'] },
  namespaced: true,
  // As kube: deleting an event never waits on, nor orphans, anything.
  garbageCollectionPolicy: 'Unsupported',
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  allowCreateOnUpdate: true,
  validate: (ev) => validateNamespaceAgreement(ev),
  ownsNameColumn: true,
  columns: eventColumns,
  fieldSelectors: {
    'involvedObject.kind': (ev) => ev.involvedObject?.kind ?? '',
    'involvedObject.namespace': (ev) => ev.involvedObject?.namespace ?? '',
    'involvedObject.name': (ev) => ev.involvedObject?.name ?? '',
    'involvedObject.uid': (ev) => ev.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (ev) => ev.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (ev) => ev.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (ev) => ev.involvedObject?.fieldPath ?? '',
    reason: (ev) => ev.reason ?? '',
    reportingComponent: (ev) => ev.reportingComponent ?? '',
    source: (ev) => ev.source?.component || ev.reportingComponent || '',
    type: (ev) => ev.type ?? '',
  },
};
