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

/** The options as sent; the registry checks the propagation policy against the orphanDependents flag. */
export const parseDeleteOptions = (body: unknown, query: Query): DeleteOptions => {
  const options = (body && typeof body === 'object' ? body : {}) as Record<string, any>;
  if (options.kind && options.kind !== 'DeleteOptions') {
    throw StatusError.badRequest(`expected DeleteOptions, got ${options.kind}`);
  }
  const dryRun = [options.dryRun, query.dryRun].flat().filter((v) => v !== undefined);
  for (const v of dryRun) if (v !== 'All') throw StatusError.badRequest(`unsupported dry run value: "${v}"`);
  const propagationPolicy = (query.propagationPolicy as string | undefined) ?? options.propagationPolicy ?? undefined;
  const orphanDependents =
    query.orphanDependents !== undefined
      ? queryBool(String(query.orphanDependents))
      : ((options.orphanDependents as boolean | null | undefined) ?? undefined);
  return {
    dryRun: dryRun.length > 0,
    gracePeriodSeconds: integer(query.gracePeriodSeconds ?? options.gracePeriodSeconds, 'gracePeriodSeconds'),
    preconditions: options.preconditions,
    propagationPolicy,
    orphanDependents,
  };
};
