// The token the control plane's Store is provided under: PostgreSQL in the apiserver, a fake or a
// test database under the harness.
export const STORE = Symbol('Store');
