// Bearer token authentication as a passport strategy, over whichever token authenticators are in force.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { AuthenticationRequest } from './authentication-result';
import { bearerTokenOf } from './bearer-token';
import { toPassportVerdict } from './passport-verdict';
import { TokenAuthenticators } from './token-authenticator';

export const BEARER_TOKEN_STRATEGY = 'kubenest-bearer-token';

@Injectable()
export class BearerTokenStrategy extends PassportStrategy(Strategy, BEARER_TOKEN_STRATEGY) {
  constructor(private readonly tokens: TokenAuthenticators) {
    super();
  }

  async validate(request: AuthenticationRequest) {
    const token = bearerTokenOf(request);
    return toPassportVerdict(token === undefined ? null : await this.tokens.authenticate(token));
  }
}
