// The messages on the IPC channel between the control plane and the local agent it starts (see
// apps/apiserver/local-agent): the agent says when it has joined, so that its bootstrap token can go.

/** The one message the agent sends. */
export const JOINED_MESSAGE = { type: 'joined' } as const;

export const isJoinedMessage = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === JOINED_MESSAGE.type;
