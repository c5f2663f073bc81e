// The literal quoting that lets write batches travel inside one simple-protocol query.
import { sqlStringLiteral } from './sql-literal';

describe('sqlStringLiteral', () => {
  it.each([
    { name: 'plain text', text: 'abc', want: "E'abc'" },
    { name: 'empty', text: '', want: "E''" },
    { name: 'a quote', text: "it's", want: "E'it''s'" },
    { name: 'a backslash', text: 'a\\b', want: "E'a\\\\b'" },
    { name: 'a quote escaped by the caller', text: "\\'; DROP TABLE x; --", want: "E'\\\\''; DROP TABLE x; --'" },
    { name: 'JSON escapes', text: '{"v":"\\"q\\"\\n"}', want: 'E\'{"v":"\\\\"q\\\\"\\\\n"}\'' },
    { name: 'non-ASCII', text: 'ünï €', want: "E'ünï €'" },
  ])('$name', ({ text, want }) => {
    expect(sqlStringLiteral(text)).toBe(want);
  });
});
