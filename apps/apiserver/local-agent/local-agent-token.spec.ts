import type { ResourceInterface } from '@kubenest/client';
import { LocalAgentTokens } from './local-agent-token';

/** The token Secrets the API holds, by name. */
function secretStore() {
  const names = new Set<string>();
  const store = {
    create: async (secret: { metadata: { name: string } }) => void names.add(secret.metadata.name),
    delete: async (_ns: string, name: string) => void names.delete(name),
  };
  return { names, store: store as unknown as ResourceInterface };
}

const secretName = (token: string) => `bootstrap-token-${token.split('.')[0]}`;

describe('LocalAgentTokens', () => {
  it('keeps one token: the next replaces the previous', async () => {
    const { names, store } = secretStore();
    const tokens = new LocalAgentTokens(store);
    const first = await tokens.next('node');
    const second = await tokens.next('node');
    expect([...names]).toEqual([secretName(second)]);
    expect(first).not.toBe(second);
  });

  it('revokes a given token only while it is the current one', async () => {
    const { names, store } = secretStore();
    const tokens = new LocalAgentTokens(store);
    const first = await tokens.next('node');
    const second = await tokens.next('node');
    await tokens.revoke(first);
    expect([...names]).toEqual([secretName(second)]);
    await tokens.revoke(second);
    expect([...names]).toEqual([]);
  });
});
