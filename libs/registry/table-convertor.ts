// Renders objects as a meta.k8s.io/v1 Table with the resource's columns, NAME first, as
// kube-apiserver's TableConvertor does for `kubectl get`.
import { Column, KubeObject, Table, TableColumnDefinition, TableRow } from '@kubenest/apimachinery';
import { Strategy } from './strategy';

const nameColumn: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  cell: (obj) => obj.metadata.name ?? '',
};

const columnsOf = (strategy: Strategy): Column[] => {
  const own = (strategy.columns as Column[] | undefined) ?? [];
  return strategy.ownsNameColumn ? own : [nameColumn, ...own];
};

/** For strategies that place Name themselves: kube's description of it, in any position. */
export const nameColumnAt = (priority: number): Column => ({ ...nameColumn, priority });

export const columnDefinitions = (strategy: Strategy): TableColumnDefinition[] =>
  columnsOf(strategy).map((c) => ({
    name: c.name,
    type: c.type ?? 'string',
    format: c.format ?? '',
    description: c.description ?? '',
    priority: c.priority ?? 0,
  }));

/** includeObject: 'Metadata' (kubectl's default), 'Object' or 'None', as the includeObject query parameter. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

export const tableRow = (strategy: Strategy, obj: KubeObject, include: IncludeObject, now = new Date()): TableRow => {
  const cells = columnsOf(strategy).map((c) => c.cell(obj, now));
  if (include === 'None') return { cells } as TableRow;
  const object =
    include === 'Object'
      ? obj
      : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  return { cells, object } as TableRow;
};

export const toTable = (
  strategy: Strategy,
  objects: KubeObject[],
  listMeta: Table['metadata'],
  options: { include?: IncludeObject; noHeaders?: boolean } = {},
): Table => {
  const now = new Date();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? [] : columnDefinitions(strategy),
    rows: objects.map((o) => tableRow(strategy, o, options.include ?? 'Metadata', now)),
  };
};
