// Who may do what: certificates, authentication, authorization and admission.
export * from './cluster-credentials';
export * from './kubeconfig';
export * from './authn';
export * from './authn/bootstrap-token';
export * from './authn/bootstrap-token-authenticator';
export * from './authn/bootstrap-token-discovery';
export * from './authz';
export * from './admission/namespace-lifecycle';
export * from './admission/priority';
export * from './admission/csr-requester';
export * from './admission/node-restriction';
export * from './admission/certificate-subject-restriction';
export * from './admission/default-toleration-seconds';
