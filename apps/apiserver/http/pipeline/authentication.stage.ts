// As kube-apiserver's WithAuthentication: who sent the request, from its headers and connection
// alone, before anything reads its body; wrong credentials, or none off the public paths, are 401.
import { UserInfo } from '@kubenest/auth';
import { ApiMessage } from '../api-message';
import { Stage } from './stage';

/** The plain authenticator service (RequestAuthenticator), which the Nest guard calls too. */
export interface Authenticator {
  authenticate(req: ApiMessage, path: string): Promise<UserInfo>;
}

export const authenticationStage =
  (authenticator: Authenticator): Stage =>
  async (context, next) => {
    const { req } = context;
    req.user = await authenticator.authenticate(req, req.pathname);
    return next(context);
  };
