// The pull policy kube-apiserver defaults from an image reference: Always for :latest (or no
// tag and no digest, which means latest), IfNotPresent otherwise.

/** The tag of an image reference, "" when it has none. */
export const imageTag = (image: string): string => {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon < 0 ? '' : lastSegment.slice(colon + 1);
};

export const defaultImagePullPolicy = (image: string): 'Always' | 'IfNotPresent' => {
  const tag = imageTag(image);
  const hasDigest = image.includes('@');
  return tag === 'latest' || (!tag && !hasDigest) ? 'Always' : 'IfNotPresent';
};
