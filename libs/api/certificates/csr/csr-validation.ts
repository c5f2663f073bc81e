// Validation of a CertificateSigningRequest's spec as certificates/v1 does it: a PKCS#10 request,
// a fully qualified signerName, known usages, a sane expiration.
import { duplicate, FieldError, invalid, notSupported, required } from '@kubenest/apimachinery';
import { isDNS1123Subdomain } from '@kubenest/apimachinery/validation';
import { certificateRequestProblem } from './pem-blocks';
import { CertificateSigningRequest, decodePemField, KEY_USAGES, LEGACY_UNKNOWN_SIGNER } from '../types';

type Spec = Partial<CertificateSigningRequest['spec']>;

const MIN_EXPIRATION_SECONDS = 600;
const SIGNER_FORM = "must be a fully qualified domain and path of the form 'example.com/signer-name'";

export const specOf = (csr: CertificateSigningRequest): Spec => (csr.spec ?? {}) as Spec;

/** kube's path-segment names: anything but "." and "..", without '/' or '%'. */
export const csrNameProblems = (name: string): string[] => {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

const validateSignerName = (signerName: string | undefined): FieldError[] => {
  const path = 'spec.signerName';
  if (!signerName) return [required(path)];
  if (signerName === LEGACY_UNKNOWN_SIGNER) {
    return [invalid(path, signerName, 'the legacy signerName is not allowed via this API version')];
  }
  const slash = signerName.indexOf('/');
  const domain = signerName.slice(0, slash);
  const rest = slash < 0 ? '' : signerName.slice(slash + 1);
  if (slash < 0 || !rest || isDNS1123Subdomain(domain).length > 0 || !/^[A-Za-z0-9._~/-]+$/.test(rest)) {
    return [invalid(path, signerName, SIGNER_FORM)];
  }
  return [];
};

const validateUsages = (usages: string[] | undefined): FieldError[] => {
  if (!usages?.length) return [required('spec.usages')];
  const seen = new Set<string>();
  return usages.flatMap((usage, i) => {
    const path = `spec.usages[${i}]`;
    if (!KEY_USAGES.includes(usage as never)) return [notSupported(path, usage, [...KEY_USAGES])];
    if (seen.has(usage)) return [duplicate(path, usage)];
    seen.add(usage);
    return [];
  });
};

export const validateCsrSpec = (csr: CertificateSigningRequest): FieldError[] => {
  const spec = specOf(csr);
  const errs: FieldError[] = [];
  if (!spec.request) errs.push(required('spec.request'));
  else {
    const problem = certificateRequestProblem(decodePemField(spec.request));
    if (problem) errs.push(invalid('spec.request', '<request>', problem));
  }
  errs.push(...validateSignerName(spec.signerName), ...validateUsages(spec.usages));
  if (spec.expirationSeconds !== undefined && spec.expirationSeconds < MIN_EXPIRATION_SECONDS) {
    errs.push(
      invalid(
        'spec.expirationSeconds',
        spec.expirationSeconds,
        'may not specify a duration less than 600 seconds (10 minutes)',
      ),
    );
  }
  return errs;
};
