// The wire contract between the apiserver and node agents: the tunnel's messages and frames,
// and the pod streams (logs, exec, port-forward) an agent serves through it.
export * from './pod-streams';
export * from './tunnel-protocol';
export * from './keep-alive';
export * from './terminal-size';
