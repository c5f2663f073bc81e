// The columns of `kubectl get csr`: SIGNERNAME, REQUESTOR, REQUESTEDDURATION and CONDITION, as
// kube's printer fills them.
import { Column } from '@kubenest/apimachinery';
import { ageColumn, column } from '../../common/columns';
import { humanDuration } from '../../common/human-duration';
import { APPROVED, CertificateSigningRequest, DENIED, FAILED } from '../types';

/** Denied, else Approved, else Pending; then ",Failed" and ",Issued" when they apply. */
export const csrConditionCell = (csr: CertificateSigningRequest): string => {
  const types = new Set((csr.status?.conditions ?? []).map((c) => c.type));
  let cell = types.has(DENIED) ? DENIED : types.has(APPROVED) ? APPROVED : 'Pending';
  if (types.has(FAILED)) cell += `,${FAILED}`;
  if (csr.status?.certificate) cell += ',Issued';
  return cell;
};

export const csrColumns: Column<CertificateSigningRequest>[] = [
  ageColumn,
  column('SignerName', (csr) => csr.spec?.signerName ?? '', {
    description: 'Name of the signer that should sign the certificate.',
  }),
  column('Requestor', (csr) => csr.spec?.username ?? '', { description: 'Name of the user who requested the CSR.' }),
  column(
    'RequestedDuration',
    (csr) => (csr.spec?.expirationSeconds !== undefined ? humanDuration(csr.spec.expirationSeconds * 1000) : '<none>'),
    { description: 'Requested lifetime of the issued certificate.' },
  ),
  column('Condition', csrConditionCell, { description: 'State of the request: Approved, Denied, Failed, Issued.' }),
];
