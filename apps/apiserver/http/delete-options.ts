// Reads meta/v1 DeleteOptions from a DELETE's body and query, as kubectl and client libraries send them.
import { StatusError } from '@kubenest/apimachinery';
import { queryBool } from '@kubenest/apimachinery/query';
import { DeleteOptions } from '@kubenest/registry';

type Query = Record<string, unknown>;

const integer = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw StatusError.badRequest(`invalid ${name}: ${String(value)}`);
  return n;
};

/** A body field of the given JSON type, or undefined for null; anything else fails decoding, as in kube. */
const typed = <T>(value: unknown, type: 'string' | 'boolean', name: string): T | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw StatusError.badRequest(`invalid ${name}: expected a ${type}`);
  return value as T;
};

/** The options as sent; the registry checks the propagation policy against the orphanDependents flag. */
export const parseDeleteOptions = (body: unknown, query: Query): DeleteOptions => {
  const options = (body && typeof body === 'object' ? body : {}) as Record<string, any>;
  if (options.kind && options.kind !== 'DeleteOptions') {
    throw StatusError.badRequest(`expected DeleteOptions, got ${options.kind}`);
  }
  const dryRun = [options.dryRun, query.dryRun].flat().filter((v) => v !== undefined);
  for (const v of dryRun) if (v !== 'All') throw StatusError.badRequest(`unsupported dry run value: "${v}"`);
  const propagationPolicy =
    (query.propagationPolicy as string | undefined) ??
    typed<string>(options.propagationPolicy, 'string', 'propagationPolicy');
  const orphanDependents =
    query.orphanDependents !== undefined
      ? queryBool(String(query.orphanDependents))
      : typed<boolean>(options.orphanDependents, 'boolean', 'orphanDependents');
  return {
    dryRun: dryRun.length > 0,
    gracePeriodSeconds: integer(query.gracePeriodSeconds ?? options.gracePeriodSeconds, 'gracePeriodSeconds'),
    preconditions: options.preconditions,
    propagationPolicy,
    orphanDependents,
  };
};
