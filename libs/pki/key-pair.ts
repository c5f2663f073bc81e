// Key pairs for the cluster's certificates, made and read through Node's WebCrypto. New keys are
// ECDSA P-256 (fast; Go's and Node's TLS both accept them); a CA brought along may also be RSA.
import { createPrivateKey, webcrypto } from 'node:crypto';

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
export type SigningAlgorithm = (webcrypto.EcKeyImportParams & webcrypto.EcdsaParams) | webcrypto.RsaHashedImportParams;

export const crypto = webcrypto;

export const P256: SigningAlgorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

const EC_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };
const EC_HASHES: Record<string, string> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };

export const generateKeyPair = (): Promise<CryptoKeyPair> => crypto.subtle.generateKey(P256, true, ['sign', 'verify']);

export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  const base64 = Buffer.from(await crypto.subtle.exportKey('pkcs8', key)).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** Reads a PKCS#8, SEC1 or PKCS#1 private key PEM as a WebCrypto signing key. */
export async function importSigningKey(pem: string): Promise<{ key: CryptoKey; algorithm: SigningAlgorithm }> {
  const keyObject = createPrivateKey(pem);
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  const algorithm = signingAlgorithmOf(keyObject.asymmetricKeyType, keyObject.asymmetricKeyDetails?.namedCurve);
  const key = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  return { key, algorithm };
}

function signingAlgorithmOf(type: string | undefined, curve: string | undefined): SigningAlgorithm {
  if (type === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const namedCurve = curve ? EC_CURVES[curve] : undefined;
  if (type === 'ec' && namedCurve) return { name: 'ECDSA', namedCurve, hash: EC_HASHES[namedCurve] };
  throw new Error(`unsupported private key type ${type ?? 'unknown'}${curve ? ` (${curve})` : ''}`);
}
