// The authentication stage: the user the authenticator finds is the request's, before the next
// stage; a refusal stops the request there.
import { StatusError } from '@kubenest/apimachinery';
import { ApiMessage } from '../api-message';
import { authenticationStage } from './authentication.stage';
import { PipelineContext } from './stage';

describe('authenticationStage', () => {
  it.each([
    { name: 'a user found', token: 'alice', want: 'next as alice' },
    { name: 'no user', token: 'wrong', want: '401' },
  ])('$name: $want', async ({ token, want }) => {
    const stage = authenticationStage({
      authenticate: async (req, path) => {
        expect(path).toBe('/api');
        if (req.headers.authorization === 'alice') return { name: 'alice', groups: [] };
        throw StatusError.unauthorized();
      },
    });
    const req = { pathname: '/api', headers: { authorization: token } } as unknown as ApiMessage;
    const context = { req } as PipelineContext;
    const answer = await stage(context, async () => void 0).then(
      () => `next as ${req.user?.name}`,
      (e: StatusError) => String(e.code),
    );
    expect(answer).toBe(want);
  });
});
