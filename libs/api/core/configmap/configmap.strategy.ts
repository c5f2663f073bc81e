// core/v1 ConfigMap: valid keys, one key in data or binaryData but not both, 1 MiB at most,
// and data frozen once `immutable` is set.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid, tooLong } from '@kubenest/apimachinery';
import { isConfigMapKey, nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { decodedSize, maxDataSize, utf8Size } from '../data-size';
import { immutableDataErrors } from '../immutable-data';
import { ConfigMap } from '../types';

const validateData = (cm: ConfigMap): FieldError[] => {
  const errs: FieldError[] = [];
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  let size = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`data[${key}]`, key, m)));
    if (Object.hasOwn(binary, key)) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    size += utf8Size(value ?? '');
  }
  for (const [key, value] of Object.entries(binary)) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`binaryData[${key}]`, key, m)));
    size += decodedSize(value ?? '');
  }
  if (size > maxDataSize) errs.push(tooLong('', maxDataSize));
  return errs;
};

export const configMapStrategy: Strategy<ConfigMap> = {
  kind: {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    shortNames: ['cm'],
  },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  validate: (cm) => validateData(cm),
  validateUpdate: (cm, old) => immutableDataErrors(cm, old, ['data', 'binaryData']),
  columns: [
    column('Data', (cm) => Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length, {
      description: 'Number of keys in data and binaryData.',
    }),
    ageColumn,
  ],
};
