// The TLS every server of the cluster offers: TLS 1.2 and 1.3, and in TLS 1.2 only ECDHE key
// exchange with AES-GCM or ChaCha20-Poly1305, in the order Go's crypto/tls prefers them (no CBC,
// SHA-1, CCM or ARIA suites). TLS 1.3 keeps its AES-GCM and ChaCha20 suites; its CCM ones stay off.
// No renegotiation.
import { constants } from 'node:crypto';
import type { TlsOptions } from 'node:tls';

const TLS13_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

const TLS12_SUITES = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
];

export const tlsServerPolicy = {
  minVersion: 'TLSv1.2',
  ciphers: [...TLS13_SUITES, ...TLS12_SUITES].join(':'),
  honorCipherOrder: true,
  // Go's TLS server never renegotiates; Node's lets a TLS 1.2 client ask for a full handshake again
  // (its CPU for the price of a few bytes) and present another client certificate mid-connection.
  secureOptions: constants.SSL_OP_NO_RENEGOTIATION,
} satisfies TlsOptions;
