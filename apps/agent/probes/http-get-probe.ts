// An httpGet probe as kubelet sends it: GET with the probe's headers (User-Agent kube-probe and
// Accept */* unless given), HTTPS without verifying the certificate; 200-399 is success.
// Redirects are not followed: a 3xx already counts as success.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IHTTPGetAction } from 'kubernetes-models/v1/HTTPGetAction';
import { ProbeTarget, resolvePort } from './probe-target';
import type { ProbeOutcome } from './probe-tally';

const PROBE_USER_AGENT = 'kube-probe/1.33';

export function probeHeaders(action: IHTTPGetAction): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': PROBE_USER_AGENT, Accept: '*/*' };
  for (const h of action.httpHeaders ?? []) {
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === h.name.toLowerCase());
    if (existing) delete headers[existing];
    headers[h.name] = h.value;
  }
  return headers;
}

export function httpGetProbe(target: ProbeTarget, action: IHTTPGetAction, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let port: number;
    try {
      port = resolvePort(action.port, target.ports);
    } catch {
      return resolve('failure');
    }
    const path = action.path ? (action.path.startsWith('/') ? action.path : `/${action.path}`) : '/';
    const https = action.scheme === 'HTTPS';
    const req = (https ? httpsRequest : httpRequest)({
      host: action.host || target.podIP,
      port,
      path,
      method: 'GET',
      headers: probeHeaders(action),
      timeout: timeoutMs,
      // One connection per probe, closed after it, as kubelet disables keep-alive for probes.
      agent: false,
      ...(https ? { rejectUnauthorized: false } : {}),
    });
    req.once('response', (res) => {
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 400 ? 'success' : 'failure');
      // Only the status counts; the body is dropped with the connection.
      res.on('error', () => undefined);
      req.destroy();
    });
    req.once('timeout', () => req.destroy(new Error('probe timed out')));
    req.on('error', () => resolve('failure'));
    req.end();
  });
}
