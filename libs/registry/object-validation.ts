// The checks the generic store runs before a write: ObjectMeta by the kind's declared rules
// (kube's ValidateObjectMeta / ValidateObjectMetaUpdate, run for every kind) around the
// strategy's own validate hooks, in the order kube-apiserver reports their errors.
import { FieldError, KubeObject } from '@kubenest/apimachinery';
import { validateObjectMeta, validateObjectMetaUpdate } from '@kubenest/apimachinery/validation';
import { Strategy, UpdateSubresourceStrategy } from './strategy';

const validateMeta = <T extends KubeObject>(strategy: Strategy<T>, obj: T): FieldError[] => [
  ...validateObjectMeta(obj.metadata, { namespaced: strategy.namespaced, nameValidator: strategy.nameValidator }),
  ...(strategy.validateFinalizerName
    ? (obj.metadata.finalizers ?? []).flatMap((f) => strategy.validateFinalizerName!(f, 'metadata.finalizers'))
    : []),
];

/** What a create checks, and an update before its own checks: ObjectMeta, then the strategy's validate. */
export const validateObject = <T extends KubeObject>(strategy: Strategy<T>, obj: T): FieldError[] => [
  ...validateMeta(strategy, obj),
  ...strategy.validate(obj),
];

/** What only an update of the main resource can break: ObjectMeta's immutable parts, then the strategy's. */
export const validateObjectUpdate = <T extends KubeObject>(strategy: Strategy<T>, obj: T, old: T): FieldError[] => [
  ...validateObjectMetaUpdate(obj.metadata, old.metadata),
  ...(strategy.validateUpdate?.(obj, old) ?? []),
];

/** What a subresource's write checks: ObjectMeta's immutable parts, then the subresource's own checks. */
export const validateSubresourceUpdate = <T extends KubeObject>(
  writes: Pick<UpdateSubresourceStrategy<T>, 'validateUpdate'> | undefined,
  obj: T,
  old: T,
): FieldError[] => [
  ...validateObjectMetaUpdate(obj.metadata, old.metadata),
  ...(writes?.validateUpdate?.(obj, old) ?? []),
];
