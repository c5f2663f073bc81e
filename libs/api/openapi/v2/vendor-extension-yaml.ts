// The YAML text gnostic stores in an extension's Any.yaml: block style, as gnostic re-marshals
// every x- value. kubectl reads it back with a YAML 1.1 parser (go-yaml v2).
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Words YAML 1.1 reads as booleans or null, so a string spelled like one must be quoted. */
const RESERVED =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

/** A string as a plain scalar when that is unambiguous, else double-quoted (JSON escapes are YAML's). */
const scalar = (value: Exclude<Json, Json[] | object>): string => {
  if (typeof value !== 'string') return value === null ? 'null' : String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
};

const isCollection = (value: Json): value is Json[] | { [key: string]: Json } =>
  typeof value === 'object' && value !== null;

const isEmpty = (value: Json[] | { [key: string]: Json }): boolean =>
  Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;

function lines(value: Json): string[] {
  if (!isCollection(value)) return [scalar(value)];
  if (isEmpty(value)) return [Array.isArray(value) ? '[]' : '{}'];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const [first, ...rest] = lines(item);
      return [`- ${first}`, ...rest.map((line) => `  ${line}`)];
    });
  }
  // Keys sorted as Go's encoding/json writes maps, which is what gnostic parses on kube-apiserver.
  return Object.keys(value)
    .sort()
    .flatMap((key) => {
      const child = value[key];
      if (isCollection(child) && !isEmpty(child)) return [`${scalar(key)}:`, ...lines(child).map((l) => `    ${l}`)];
      return [`${scalar(key)}: ${lines(child)[0]}`];
    });
}

/** The YAML document of a JSON value, ending with a newline. */
export const toExtensionYaml = (value: unknown): string => `${lines(value as Json).join('\n')}\n`;
