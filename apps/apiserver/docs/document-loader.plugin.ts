// A Swagger UI plugin that runs in the browser (swagger-ui-express writes its source into
// swagger-ui-init.js, so it uses nothing but its arguments and the browser's fetch): when the user
// authorizes with a bearer token, or Swagger UI restores one it persisted, it loads the API's
// document with that token from the `documentUrl` option and shows it in place of the empty one.

interface ConsoleSystem {
  getConfigs(): { documentUrl: string };
  specActions: { updateSpec(spec: string): void };
  errActions: { newThrownErr(error: Error): void };
}

/** What Swagger UI's auth actions carry: the value entered for each security scheme. */
type Authorizations = Record<string, { value?: unknown } | undefined>;

type Action<T> = (payload: T) => unknown;

export const documentLoaderPlugin = function (system: ConsoleSystem) {
  const load = (authorizations: Authorizations | undefined) => {
    const token = authorizations?.BearerToken?.value;
    if (typeof token !== 'string' || token === '') return;
    const url = system.getConfigs().documentUrl;
    fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
        return response.text();
      })
      .then(
        (text) => system.specActions.updateSpec(text),
        (error: Error) => system.errActions.newThrownErr(error),
      );
  };
  return {
    statePlugins: {
      auth: {
        wrapActions: {
          authorize: (original: Action<Authorizations>) => (authorizations: Authorizations) => {
            const result = original(authorizations);
            load(authorizations);
            return result;
          },
          restoreAuthorization:
            (original: Action<{ authorized?: Authorizations }>) => (payload: { authorized?: Authorizations }) => {
              const result = original(payload);
              load(payload.authorized);
              return result;
            },
        },
      },
    },
  };
};
