// core/v1 Secret: type Opaque by default and fixed once set, stringData folded into data,
// valid keys, the keys each well-known type requires, and data frozen once `immutable`.
import type { Strategy } from '@kubenest/registry';
import { FieldError, invalid, required, tooLong } from '@kubenest/apimachinery';
import { isConfigMapKey, nameIsDNSSubdomain, validateImmutableField } from '@kubenest/apimachinery/validation';
import { validateKubeFinalizerName } from '../../common/builtin-meta';
import { ageColumn, column } from '../../common/columns';
import { decodedSize, maxDataSize } from '../data-size';
import { immutableDataErrors } from '../immutable-data';
import { Secret } from '../types';

// Keys a secret of each type must hold (either of the basic-auth pair will do).
const requiredKeys: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

// stringData is write-only: merged into data (overriding it) and never stored, as core/v1's conversion does.
const foldStringData = (secret: Secret): void => {
  const strings = secret.stringData;
  delete secret.stringData;
  secret.type ||= 'Opaque';
  if (!strings) return;
  secret.data ??= {};
  for (const [key, value] of Object.entries(strings))
    secret.data[key] = Buffer.from(value ?? '', 'utf8').toString('base64');
};

const validateTypeKeys = (secret: Secret): FieldError[] => {
  const data = secret.data ?? {};
  const type = secret.type ?? 'Opaque';
  if (type === 'kubernetes.io/service-account-token') {
    const annotations = (secret.metadata.annotations ?? {}) as Record<string, string>;
    return annotations['kubernetes.io/service-account.name']
      ? []
      : [required('metadata.annotations[kubernetes.io/service-account.name]')];
  }
  if (type === 'kubernetes.io/basic-auth') {
    return 'username' in data || 'password' in data ? [] : [required('data[username]'), required('data[password]')];
  }
  return (requiredKeys[type] ?? []).filter((k) => !(k in data)).map((k) => required(`data[${k}]`));
};

const validateData = (secret: Secret): FieldError[] => {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((m) => invalid(`data[${key}]`, key, m)));
    size += decodedSize(value ?? '');
  }
  if (size > maxDataSize) errs.push(tooLong('data', maxDataSize));
  return [...errs, ...validateTypeKeys(secret)];
};

export const secretStrategy: Strategy<Secret> = {
  kind: { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validateFinalizerName: validateKubeFinalizerName,
  prepareForCreate: foldStringData,
  prepareForUpdate: foldStringData,
  validate: (secret) => validateData(secret),
  validateUpdate: (secret, old) => [
    ...validateImmutableField(secret.type, old.type, 'type'),
    ...immutableDataErrors(secret, old, ['data']),
  ],
  columns: [
    column('Type', (secret) => secret.type ?? '', {
      description: 'Used to facilitate programmatic handling of secret data.',
    }),
    column('Data', (secret) => Object.keys(secret.data ?? {}).length, { description: 'Number of keys in data.' }),
    ageColumn,
  ],
  fieldSelectors: {
    type: (secret) => secret.type ?? '',
  },
};
