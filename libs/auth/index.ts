// Who may do what: certificates, authentication, authorization and admission.
export * from './pki';
export * from './kubeconfig';
export * from './authn';
export * from './authz';
export * from './admission/namespace-lifecycle';
