// Where kube-apiserver's WithAudit stands: after authentication (the event names the user), before
// authorization (a refused request is audited too). Nothing is written yet: the hook is a no-op
// until an audit backend exists.
import { UserInfo } from '@kubenest/auth';
import { Stage } from './stage';

/** What an audit event knows of a request when it arrives. */
export interface AuditedRequest {
  user: UserInfo;
  method: string;
  path: string;
}

/** kube's audit stages RequestReceived and ResponseComplete. */
export interface AuditHook {
  requestReceived(request: AuditedRequest): void;
  responseComplete(request: AuditedRequest, code: number): void;
}

export const NO_AUDIT: AuditHook = { requestReceived: () => undefined, responseComplete: () => undefined };

export const auditStage =
  (hook: AuditHook): Stage =>
  (context, next) => {
    // Nothing to record: no listener on the hot path.
    if (hook === NO_AUDIT) return next(context);
    const { req, res } = context;
    const request = { user: req.user!, method: req.method ?? 'GET', path: req.pathname };
    hook.requestReceived(request);
    res.once('close', () => hook.responseComplete(request, res.statusCode));
    return next(context);
  };
