// The resize documents of exec sessions ({"Width":80,"Height":24}, as Go's
// remotecommand.TerminalSize marshals), read the same way by the apiserver, which drops anything
// else before it reaches a node, and by the agent, which writes the size into stty's arguments.
import { TerminalSize } from './pod-streams';

/** A terminal dimension as stty takes it. */
export const isDimension = (n: unknown): n is number =>
  Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 65_535;

/** A resize document's size, or undefined when it is not integer Width and Height within stty's range. */
export const terminalSize = (document: Buffer): TerminalSize | undefined => {
  let doc: unknown;
  try {
    doc = JSON.parse(document.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { Width, Height } = doc as Record<string, unknown>;
  return isDimension(Width) && isDimension(Height) ? { width: Width, height: Height } : undefined;
};

/** The document re-encoded with only its Width and Height, or undefined when it is not a terminal size. */
export const terminalSizeDocument = (document: Buffer): Buffer | undefined => {
  const size = terminalSize(document);
  return size && Buffer.from(JSON.stringify({ Width: size.width, Height: size.height }), 'utf8');
};
