// System-owned metadata: what the server sets on create and keeps across updates, whatever
// the client sends (uid, creationTimestamp, generation, names from generateName).
import { randomBytes, randomUUID } from 'node:crypto';
import { KubeObject, metaTime } from '@kubenest/apimachinery';

const nameSuffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters, as kube-apiserver's names.SimpleNameGenerator appends to generateName. */
export const randomNameSuffix = (): string =>
  [...randomBytes(5)].map((b) => nameSuffixAlphabet[b % nameSuffixAlphabet.length]).join('');

/** generation starts at 1 for kinds that track changes to their desired state, as their strategies do in kube. */
export const fillCreateMetadata = (obj: KubeObject, tracksGeneration: boolean, now = new Date()): void => {
  const meta = obj.metadata;
  if (!meta.name && meta.generateName) meta.name = meta.generateName + randomNameSuffix();
  meta.uid = randomUUID();
  meta.creationTimestamp = metaTime(now) as never;
  if (tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete (meta as { selfLink?: string }).selfLink;
};

/** Keep what only the server may set, from the stored object. */
export const keepSystemMetadata = (obj: KubeObject, old: KubeObject): void => {
  const meta = obj.metadata;
  meta.name = old.metadata.name;
  meta.namespace = old.metadata.namespace;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  meta.generation = old.metadata.generation;
  meta.deletionTimestamp = old.metadata.deletionTimestamp;
  meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  if (meta.generation === undefined) delete meta.generation;
  if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
  if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
  if (meta.generateName === undefined) delete meta.generateName;
};
