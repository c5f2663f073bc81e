// Label key and value syntax, with the messages k8s.io/apimachinery's content validation gives,
// so that a selector naming a malformed key fails the way kube-apiserver reports it.

const labelNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelNameRe = new RegExp(`^${labelNameFmt}$`);
const labelValueFmt = `(${labelNameFmt})?`;
const labelValueRe = new RegExp(`^${labelValueFmt}$`);
const dnsLabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dnsSubdomainFmt = `${dnsLabelFmt}(\\.${dnsLabelFmt})*`;
const dnsSubdomainRe = new RegExp(`^${dnsSubdomainFmt}$`);
const labelNameMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

const regexError = (msg: string, re: string, ...examples: string[]): string =>
  `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;

const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Problems with a label key (an optional DNS subdomain prefix and '/', then a name), empty when valid. */
export const labelKeyErrors = (key: string): string[] => {
  const errs: string[] = [];
  const parts = key.split('/');
  if (parts.length > 2) {
    return [
      `a valid label key ${regexError(labelNameMsg, labelNameFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (byteLength(prefix) > 253) errs.push('prefix part must be no more than 253 bytes');
      if (!dnsSubdomainRe.test(prefix)) {
        errs.push(
          `prefix part ${regexError(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            dnsSubdomainFmt,
            'example.com',
          )}`,
        );
      }
    }
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!labelNameRe.test(name))
    errs.push(`name part ${regexError(labelNameMsg, labelNameFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
};

/** Problems with a label value (empty, or up to 63 name characters), empty when valid. */
export const labelValueErrors = (value: string): string[] => {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (!labelValueRe.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        labelValueFmt,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
};
