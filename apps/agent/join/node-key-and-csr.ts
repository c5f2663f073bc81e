// A fresh ECDSA P-256 key and a PKCS#10 request for the node's identity, subject
// O=system:nodes, CN=system:node:<name>, as kubelet's TLS bootstrap asks for it.
import { crypto, exportPrivateKeyPem, generateKeyPair, P256 } from '@kubenest/pki/key-pair';
import * as x509 from '@kubenest/pki/x509';

export const NODES_GROUP = 'system:nodes';
export const nodeUser = (nodeName: string): string => `system:node:${nodeName}`;

export interface NodeKeyAndCsr {
  keyPem: string;
  csrPem: string;
}

export async function createNodeKeyAndCsr(nodeName: string): Promise<NodeKeyAndCsr> {
  const keys = await generateKeyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: [{ O: [NODES_GROUP] }, { CN: [nodeUser(nodeName)] }], keys, signingAlgorithm: P256 },
    crypto,
  );
  return { keyPem: await exportPrivateKeyPem(keys.privateKey), csrPem: csr.toString('pem') };
}
