// Quotes a string as a PostgreSQL literal, for the few statements sent with the simple query
// protocol (several statements in one round trip, which cannot carry parameters).

/**
 * A dollar-quoted literal ($kubenest$...$kubenest$): its body is taken verbatim, so a batch of
 * objects travels without an escaping pass over every byte. The tag gets a number when the text
 * happens to contain it.
 */
export function sqlStringLiteral(text: string): string {
  let tag = '$kubenest$';
  for (let n = 1; text.includes(tag); n++) tag = `$kubenest${n}$`;
  return `${tag}${text}${tag}`;
}
