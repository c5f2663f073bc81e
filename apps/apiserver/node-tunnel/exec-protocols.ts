// The WebSocket subprotocols of kube's remote command (exec/attach) and how each frames a channel:
// v5.channel.k8s.io (channel 255 closes a stream), v4.channel.k8s.io (a JSON Status on the error
// channel), their base64 variants, and channel.k8s.io (the error channel carries plain text).
import { StreamOutcome } from '@kubenest/node-protocol';

export interface ExecFraming {
  protocol: string;
  base64: boolean;
  /** v5: the client closes its stdin with [255, 0]. */
  streamClose: boolean;
  /** v4 and v5: the error channel carries a v1 Status; before them, the error text only. */
  statusJson: boolean;
}

const FRAMINGS: ExecFraming[] = [
  { protocol: 'v5.channel.k8s.io', base64: false, streamClose: true, statusJson: true },
  { protocol: 'v4.channel.k8s.io', base64: false, streamClose: false, statusJson: true },
  { protocol: 'v4.base64.channel.k8s.io', base64: true, streamClose: false, statusJson: true },
  { protocol: 'channel.k8s.io', base64: false, streamClose: false, statusJson: false },
  { protocol: 'base64.channel.k8s.io', base64: true, streamClose: false, statusJson: false },
];

export const SUPPORTED_PROTOCOLS = FRAMINGS.map((f) => f.protocol);

/** The client's first offered protocol that is served (clients list them newest first). */
export const chooseFraming = (offered: Iterable<string>): ExecFraming | undefined => {
  for (const p of offered) {
    const framing = FRAMINGS.find((f) => f.protocol === p.trim());
    if (framing) return framing;
  }
  return undefined;
};

/** A message to the client: the channel byte then the data, or both as text in base64 framings. */
export const encodeForClient = (framing: ExecFraming, channel: number, data: Buffer): Buffer | string =>
  framing.base64
    ? `${String.fromCharCode(48 + channel)}${data.toString('base64')}`
    : Buffer.concat([Buffer.from([channel]), data]);

/** A message from the client as channel and bytes. */
export const decodeFromClient = (framing: ExecFraming, message: Buffer): { channel: number; data: Buffer } => {
  if (message.length === 0) return { channel: -1, data: message };
  if (!framing.base64) return { channel: message[0], data: message.subarray(1) };
  return { channel: message[0] - 48, data: Buffer.from(message.subarray(1).toString('latin1'), 'base64') };
};

/** What the error channel says at the end: a v1 Status (v4, v5) or the failure's text. */
export const outcomeMessage = (framing: Pick<ExecFraming, 'statusJson'>, outcome: StreamOutcome): Buffer => {
  const status =
    'error' in outcome
      ? {
          metadata: {},
          status: 'Failure',
          message: outcome.error.message,
          reason: outcome.error.reason,
          code: outcome.error.code,
        }
      : outcome.exitCode === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: exit status ${outcome.exitCode}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(outcome.exitCode) }] },
          };
  if (framing.statusJson) return Buffer.from(JSON.stringify(status), 'utf8');
  return Buffer.from(status.status === 'Success' ? '' : (status.message ?? ''), 'utf8');
};
