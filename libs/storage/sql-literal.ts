// Quotes a string as a PostgreSQL literal, for the few statements sent with the simple query
// protocol (several statements in one round trip, which cannot carry parameters).

/**
 * An escape-string literal (E'...'): backslashes and quotes doubled. It means the same whatever
 * standard_conforming_strings says, and UTF-8 never hides a quote byte inside a character.
 */
export function sqlStringLiteral(text: string): string {
  return `E'${text.replace(/['\\]/g, (c) => c + c)}'`;
}
