// PEM decoding for the CSR API's byte fields: the blocks of a text, their labels and DER bytes,
// and whether they parse as the PKCS#10 request or X.509 certificates they claim to be.
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { Pkcs10CertificateRequest } from '@peculiar/x509';

export interface PemBlock {
  label: string;
  hasHeaders: boolean;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

/** Every well-formed block; text around them is ignored, as RFC 7468 allows explanatory text. */
export const pemBlocks = (text: string): PemBlock[] =>
  [...text.matchAll(BLOCK)].map(([, label, body]) => ({
    label,
    hasHeaders: body.includes(':'),
    der: Buffer.from(body.replace(/\s+/g, ''), 'base64'),
  }));

/**
 * The PKCS#10 request a PEM text holds as its first block, or why it holds none; validation,
 * admission and the signer all read a request's subject through this one parse.
 */
export const parseCertificateRequest = (pem: string): Pkcs10CertificateRequest | { problem: string } => {
  const [block] = pemBlocks(pem);
  if (block?.label !== 'CERTIFICATE REQUEST') return { problem: 'PEM block type must be CERTIFICATE REQUEST' };
  try {
    return new Pkcs10CertificateRequest(block.der);
  } catch (e) {
    return { problem: `asn1: ${(e as Error).message}` };
  }
};

/** Why a request is not one PKCS#10 CERTIFICATE REQUEST block, or undefined when it is. */
export const certificateRequestProblem = (pem: string): string | undefined => {
  const parsed = parseCertificateRequest(pem);
  return 'problem' in parsed ? parsed.problem : undefined;
};

/** Why a signed certificate field is unusable, or undefined when every block is a certificate. */
export const certificateProblem = (pem: string): string | undefined => {
  const blocks = pemBlocks(pem);
  if (blocks.length === 0) return 'must contain at least one CERTIFICATE PEM block';
  for (const [i, block] of blocks.entries()) {
    if (block.label !== 'CERTIFICATE') return `only CERTIFICATE PEM blocks are allowed, found "${block.label}"`;
    if (block.hasHeaders) return 'no PEM block headers are permitted';
    try {
      new X509Certificate(block.der);
    } catch (e) {
      return `block ${i}: ${(e as Error).message}`;
    }
  }
  return undefined;
};
