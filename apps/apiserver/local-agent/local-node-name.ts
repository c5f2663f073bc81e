// The local agent's node name: the host name made a DNS-1123 subdomain, as kubelet lowercases
// it; characters a node name cannot hold become '-', so "My_Laptop.local" is "my-laptop.local".

const MAX_LENGTH = 253;
const FALLBACK = 'localhost';

export function localNodeName(hostname: string): string {
  const labels = hostname
    .toLowerCase()
    .split('.')
    .map((label) =>
      label
        .replace(/[^a-z0-9-]/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 63)
        .replace(/-+$/, ''),
    )
    .filter((label) => label !== '');
  const name = labels
    .join('.')
    .slice(0, MAX_LENGTH)
    .replace(/[-.]+$/, '');
  return name || FALLBACK;
}
