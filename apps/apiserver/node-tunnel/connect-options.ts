// The query of pods/log, pods/exec and pods/attach decoded as kube-apiserver decodes PodLogOptions,
// PodExecOptions and PodAttachOptions, with their validation (422 Invalid for log options, 400 else).
import { FieldError, StatusError, forbidden, invalid } from '@kubenest/apimachinery';
import { QueryParams, allValues, firstValue, parseInt64, queryBool } from '@kubenest/apimachinery/query';
import { ExecOptions, LogOptions } from '@kubenest/node-protocol';

const optionalInt = (query: QueryParams, name: string): number | undefined => {
  const v = firstValue(query, name);
  return v === undefined || v === '' ? undefined : parseInt64(v);
};

const flag = (query: QueryParams, name: string): boolean => queryBool(firstValue(query, name));

// RFC 3339 as Go's time.Parse reads it: a date, a time, optional fraction, Z or an offset.
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export const logOptionsOf = (query: QueryParams, podName: string): LogOptions & { container?: string } => {
  const sinceTime = firstValue(query, 'sinceTime') || undefined;
  if (sinceTime !== undefined && !RFC3339.test(sinceTime)) {
    throw StatusError.badRequest(`parsing time ${JSON.stringify(sinceTime)} as RFC3339: cannot parse`);
  }
  const options = {
    container: firstValue(query, 'container') || undefined,
    follow: flag(query, 'follow'),
    previous: flag(query, 'previous'),
    timestamps: flag(query, 'timestamps'),
    tailLines: optionalInt(query, 'tailLines'),
    sinceSeconds: optionalInt(query, 'sinceSeconds'),
    sinceTime,
    limitBytes: optionalInt(query, 'limitBytes'),
  };
  const errors: FieldError[] = [];
  if (options.tailLines !== undefined && options.tailLines < 0) {
    errors.push(invalid('tailLines', options.tailLines, 'must be greater than or equal to 0'));
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    errors.push(invalid('limitBytes', options.limitBytes, 'must be greater than 0'));
  }
  if (options.sinceSeconds !== undefined) {
    if (sinceTime !== undefined)
      errors.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
    else if (options.sinceSeconds < 1)
      errors.push(invalid('sinceSeconds', options.sinceSeconds, 'must be greater than 0'));
  }
  if (errors.length > 0) throw StatusError.invalid({ group: '', kind: 'PodLogOptions' }, podName, errors);
  return options;
};

export interface AttachRequest {
  container?: string;
  options: ExecOptions;
}

export interface ExecRequest extends AttachRequest {
  command: string[];
}

export const attachOptionsOf = (query: QueryParams): AttachRequest => {
  const tty = flag(query, 'tty');
  const options: ExecOptions = {
    stdin: flag(query, 'stdin'),
    stdout: flag(query, 'stdout'),
    // A terminal has one output: stderr goes to it, as with kubelet.
    stderr: flag(query, 'stderr') && !tty,
    tty,
  };
  if (!options.stdin && !options.stdout && !flag(query, 'stderr')) {
    throw StatusError.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  }
  return { container: firstValue(query, 'container') || undefined, options };
};

export const execOptionsOf = (query: QueryParams): ExecRequest => {
  const command = allValues(query, 'command');
  if (command.length === 0) throw StatusError.badRequest('you must specify at least one command for the container');
  return { ...attachOptionsOf(query), command };
};
