// A tcpSocket probe: success when a connection opens within timeoutSeconds; it is closed at once.
import { connect } from 'node:net';
import type { ITCPSocketAction } from 'kubernetes-models/v1/TCPSocketAction';
import { ProbeTarget, resolvePort } from './probe-target';
import type { ProbeOutcome } from './probe-tally';

export function tcpSocketProbe(
  target: ProbeTarget,
  action: ITCPSocketAction,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let port: number;
    try {
      port = resolvePort(action.port, target.ports);
    } catch {
      return resolve('failure');
    }
    const socket = connect({ host: action.host || target.podIP, port, timeout: timeoutMs });
    socket.once('connect', () => {
      resolve('success');
      socket.destroy();
    });
    socket.once('timeout', () => socket.destroy(new Error('probe timed out')));
    socket.on('error', () => resolve('failure'));
  });
}
