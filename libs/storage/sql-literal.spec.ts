// The literal quoting that lets write batches travel inside one simple-protocol query.
import { sqlStringLiteral } from './sql-literal';

describe('sqlStringLiteral', () => {
  it.each([
    { name: 'plain text', text: 'abc', want: '$kubenest$abc$kubenest$' },
    { name: 'empty', text: '', want: '$kubenest$$kubenest$' },
    { name: 'a quote', text: "it's", want: "$kubenest$it's$kubenest$" },
    { name: 'a backslash', text: 'a\\b', want: '$kubenest$a\\b$kubenest$' },
    { name: 'JSON escapes', text: '{"v":"\\"q\\"\\n"}', want: '$kubenest${"v":"\\"q\\"\\n"}$kubenest$' },
    { name: 'non-ASCII', text: 'ünï €', want: '$kubenest$ünï €$kubenest$' },
    { name: 'the tag itself', text: 'a$kubenest$b', want: '$kubenest1$a$kubenest$b$kubenest1$' },
    {
      name: 'the tag and its first replacement',
      text: '$kubenest$;$kubenest1$',
      want: '$kubenest2$$kubenest$;$kubenest1$$kubenest2$',
    },
  ])('$name', ({ text, want }) => {
    expect(sqlStringLiteral(text)).toBe(want);
  });
});
