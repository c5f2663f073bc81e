// The wire contract between the apiserver and node agents: the tunnel's messages and frames,
// the pod streams (logs, exec, port-forward) an agent serves through it, and the local agent's IPC message.
export * from './pod-streams';
export * from './tunnel-protocol';
export * from './keep-alive';
export * from './terminal-size';
export * from './local-agent-link';
