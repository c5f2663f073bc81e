// meta.k8s.io/v1 Table: what `kubectl get` prints. Columns are declared per resource.
import { KubeObject } from './object';

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

/** A column with how to compute its cell from an object. */
export interface Column<T extends KubeObject = KubeObject> {
  name: string;
  type?: TableColumnDefinition['type'];
  format?: string;
  description?: string;
  /** 0: always shown; 1: only with -o wide. */
  priority?: number;
  cell: (obj: T, now: Date) => string | number | boolean | null;
}

export interface TableRow {
  cells: unknown[];
  object: { kind: 'PartialObjectMetadata'; apiVersion: 'meta.k8s.io/v1'; metadata: KubeObject['metadata'] };
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}
