// What every client certificate request shares, as kube's csrsigning controller checks it: usages
// client auth, optionally with digital signature and key encipherment.

const ALLOWED_USAGES = new Set(['client auth', 'digital signature', 'key encipherment']);

/** The subject a client certificate is issued for. */
export interface ClientRequest {
  commonName: string;
  organizations: string[];
}

export interface Problem {
  problem: string;
}

export const isProblem = (read: object): read is Problem => 'problem' in read;

export const clientUsagesProblem = (usages: readonly string[]): Problem | undefined => {
  const invalid = usages.find((u) => !ALLOWED_USAGES.has(u));
  if (invalid) return { problem: `invalid usage for client certificate: ${invalid}` };
  if (!usages.includes('client auth')) return { problem: 'missing required usage for client certificate: client auth' };
  return undefined;
};
