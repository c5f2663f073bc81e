// metadata.ownerReferences: complete references, at most one controller, never an Event as owner.
import { FieldError, invalid } from '../field-error';

export interface OwnerReferenceSpec {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

const versionOf = (apiVersion: string): string => {
  const parts = apiVersion.split('/');
  return parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
};

const validateOwnerReference = (ref: OwnerReferenceSpec, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  if (!versionOf(apiVersion)) errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
  if (!ref.kind) errs.push(invalid(`${path}.kind`, ref.kind ?? '', 'must not be empty'));
  if (!ref.name) errs.push(invalid(`${path}.name`, ref.name ?? '', 'must not be empty'));
  if (!ref.uid) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'must not be empty'));
  if (apiVersion === 'v1' && ref.kind === 'Event')
    errs.push(invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  return errs;
};

export const validateOwnerReferences = (refs: OwnerReferenceSpec[] | null | undefined, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
};
