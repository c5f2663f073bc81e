// The local agent's link to the control plane that started it (an IPC channel; see
// apps/apiserver/local-agent): the agent says when it has joined, so that its bootstrap token can
// go, and the link's closing shuts the node down, whether the control plane stops the agent or
// dies (kill -9): the local node goes away with its control plane, its pods included.
import { JOINED_MESSAGE } from '@kubenest/node-protocol';

export interface ControlPlaneLink {
  joined(): void;
  onClosed(listener: () => void): void;
}

/** The link, when this process was started with an IPC channel. */
export function controlPlaneLink(): ControlPlaneLink | undefined {
  if (!process.send || !process.connected) return undefined;
  return {
    joined: () => {
      // A link closing meanwhile is not an error: the agent is stopping anyway.
      if (process.connected) process.send!(JOINED_MESSAGE, undefined, undefined, () => undefined);
    },
    onClosed: (listener) => void process.once('disconnect', listener),
  };
}
