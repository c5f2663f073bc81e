// metadata as kube-apiserver validates it on create and on update, for every kind.
import { FieldError, forbidden, invalid, required } from '../field-error';
import { ObjectMeta } from '../object';
import { validateAnnotations } from './annotations';
import { validateFinalizers, validateNoNewFinalizers } from './finalizers';
import { validateImmutableField, validateNonnegativeField } from './immutable';
import { validateLabels } from './labels';
import { NameValidator, validateNamespaceName } from './name-validators';
import { OwnerReferenceSpec, validateOwnerReferences } from './owner-references';

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameValidator: NameValidator;
  /** Path of the metadata; "metadata" unless it is nested, e.g. "spec.template.metadata". */
  path?: string;
}

const labelsOf = (meta: ObjectMeta): Record<string, string> | undefined =>
  meta.labels as Record<string, string> | undefined;
const annotationsOf = (meta: ObjectMeta): Record<string, string> | undefined =>
  meta.annotations as Record<string, string> | undefined;
const ownerReferencesOf = (meta: ObjectMeta): OwnerReferenceSpec[] | undefined =>
  meta.ownerReferences as OwnerReferenceSpec[] | undefined;

const validateCommon = (meta: ObjectMeta, path: string): FieldError[] => [
  ...validateNonnegativeField(meta.generation ?? 0, `${path}.generation`),
  ...validateLabels(labelsOf(meta), `${path}.labels`),
  ...validateAnnotations(annotationsOf(meta), `${path}.annotations`),
  ...validateOwnerReferences(ownerReferencesOf(meta), `${path}.ownerReferences`),
];

export const validateObjectMeta = (meta: ObjectMeta, options: ObjectMetaOptions): FieldError[] => {
  const path = options.path ?? 'metadata';
  const errs: FieldError[] = [];
  if (meta.generateName) {
    errs.push(
      ...options
        .nameValidator(meta.generateName, true)
        .map((msg) => invalid(`${path}.generateName`, meta.generateName, msg)),
    );
  }
  if (!meta.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else errs.push(...options.nameValidator(meta.name, false).map((msg) => invalid(`${path}.name`, meta.name, msg)));
  if (options.namespaced) {
    if (!meta.namespace) errs.push(required(`${path}.namespace`));
    else
      errs.push(
        ...validateNamespaceName(meta.namespace, false).map((msg) => invalid(`${path}.namespace`, meta.namespace, msg)),
      );
  } else if (meta.namespace) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...validateCommon(meta, path));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
};

export const validateObjectMetaUpdate = (meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): FieldError[] => {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp)
    errs.push(...validateNoNewFinalizers(meta.finalizers, old.finalizers, `${path}.finalizers`));
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(`${path}.generation`, meta.generation ?? 0, 'must not be decremented'));
  }
  errs.push(
    ...validateImmutableField(meta.name, old.name, `${path}.name`),
    ...validateImmutableField(meta.namespace, old.namespace, `${path}.namespace`),
    ...validateImmutableField(meta.uid, old.uid, `${path}.uid`),
    ...validateImmutableField(meta.creationTimestamp, old.creationTimestamp, `${path}.creationTimestamp`),
    ...validateImmutableField(meta.deletionTimestamp, old.deletionTimestamp, `${path}.deletionTimestamp`),
    ...validateImmutableField(
      meta.deletionGracePeriodSeconds,
      old.deletionGracePeriodSeconds,
      `${path}.deletionGracePeriodSeconds`,
    ),
    ...validateLabels(labelsOf(meta), `${path}.labels`),
    ...validateAnnotations(annotationsOf(meta), `${path}.annotations`),
    ...validateOwnerReferences(ownerReferencesOf(meta), `${path}.ownerReferences`),
  );
  return errs;
};
