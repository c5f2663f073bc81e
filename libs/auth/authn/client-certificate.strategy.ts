// The x509 client-certificate authenticator as a passport strategy.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { AuthenticationRequest } from './authentication-result';
import { authenticateClientCertificate } from './client-certificate-authenticator';
import { toPassportVerdict } from './passport-verdict';

export const CLIENT_CERTIFICATE_STRATEGY = 'kubenest-x509';

@Injectable()
export class ClientCertificateStrategy extends PassportStrategy(Strategy, CLIENT_CERTIFICATE_STRATEGY) {
  async validate(request: AuthenticationRequest) {
    return toPassportVerdict(authenticateClientCertificate(request));
  }
}
