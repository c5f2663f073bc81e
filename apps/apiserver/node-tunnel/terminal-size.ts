// The resize documents a client sends for its terminal ({"Width":80,"Height":24}, as Go's
// remotecommand.TerminalSize marshals), checked before they reach a node: anything else is dropped.

const MAX_DIMENSION = 65_535;

const dimension = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_DIMENSION;

/** The document re-encoded with only its Width and Height, or undefined when it is not a terminal size. */
export const terminalSizeDocument = (document: Buffer): Buffer | undefined => {
  let doc: unknown;
  try {
    doc = JSON.parse(document.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { Width, Height } = doc as Record<string, unknown>;
  if (!dimension(Width) || !dimension(Height)) return undefined;
  return Buffer.from(JSON.stringify({ Width, Height }), 'utf8');
};
