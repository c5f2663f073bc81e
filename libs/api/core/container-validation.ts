// Containers of a pod spec: names, images, ports, policies and env, with kube's messages.
import { duplicate, FieldError, invalid, notSupported, required } from '@kubenest/apimachinery';
import { isDNS1123Label, isValidPortName, isValidPortNum } from '@kubenest/apimachinery/validation';
import { Container } from './types';

export const supportedProtocols = ['SCTP', 'TCP', 'UDP'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const terminationMessagePolicies = ['FallbackToLogsOnError', 'File'];
const envNameMsg = "a valid environment variable name must consist only of printable ASCII characters other than '='";

const validatePorts = (ports: NonNullable<Container['ports']>, path: string): FieldError[] => {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `${path}[${i}]`;
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) errs.push(...msgs.map((m) => invalid(`${at}.name`, port.name, m)));
      else if (names.has(port.name)) errs.push(duplicate(`${at}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(`${at}.containerPort`));
    else
      errs.push(
        ...isValidPortNum(port.containerPort).map((m) => invalid(`${at}.containerPort`, port.containerPort, m)),
      );
    if (port.hostPort)
      errs.push(...isValidPortNum(port.hostPort).map((m) => invalid(`${at}.hostPort`, port.hostPort, m)));
    if (!port.protocol) errs.push(required(`${at}.protocol`));
    else if (!supportedProtocols.includes(port.protocol))
      errs.push(notSupported(`${at}.protocol`, port.protocol, supportedProtocols));
  });
  return errs;
};

const validateEnv = (env: NonNullable<Container['env']>, path: string): FieldError[] =>
  env.flatMap((e, i) => {
    const at = `${path}[${i}].name`;
    if (!e.name) return [required(at)];
    return /^[\x21-\x3c\x3e-\x7e][\x20-\x3c\x3e-\x7e]*$/.test(e.name) && !/\s$/.test(e.name)
      ? []
      : [invalid(at, e.name, envNameMsg)];
  });

const validateVolumeMounts = (mounts: NonNullable<Container['volumeMounts']>, path: string): FieldError[] =>
  mounts.flatMap((m, i) => [
    ...(m.name ? [] : [required(`${path}[${i}].name`)]),
    ...(m.mountPath ? [] : [required(`${path}[${i}].mountPath`)]),
  ]);

/** One container; `names` collects names across containers and init containers to find duplicates. */
export const validateContainer = (c: Container, path: string, names: Set<string>): FieldError[] => {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else {
    const msgs = isDNS1123Label(c.name);
    if (msgs.length) errs.push(...msgs.map((m) => invalid(`${path}.name`, c.name, m)));
    else if (names.has(c.name)) errs.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image) errs.push(required(`${path}.image`));
  else if (c.image.trim() !== c.image)
    errs.push(invalid(`${path}.image`, c.image, 'must not have leading or trailing whitespace'));
  if (c.imagePullPolicy && !pullPolicies.includes(c.imagePullPolicy)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, pullPolicies));
  }
  if (c.terminationMessagePolicy && !terminationMessagePolicies.includes(c.terminationMessagePolicy)) {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, terminationMessagePolicies));
  }
  errs.push(...validatePorts(c.ports ?? [], `${path}.ports`));
  errs.push(...validateEnv(c.env ?? [], `${path}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts ?? [], `${path}.volumeMounts`));
  return errs;
};
