// Table output: NAME first, column definitions and priorities, the row's embedded object,
// and strategies that place Name themselves.
import { nameIsDNSSubdomain } from '@kubenest/apimachinery/validation';
import { KubeObject } from '@kubenest/apimachinery';
import { builtinStrategies } from '@kubenest/api/all-strategies';
import { Strategy } from './strategy';
import { columnDefinitions, nameColumnAt, tableRow, toTable } from './table-convertor';

const widgets: Strategy = {
  kind: { group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets' },
  namespaced: true,
  nameValidator: nameIsDNSSubdomain,
  validate: () => [],
  columns: [
    { name: 'Size', type: 'integer', cell: (w) => (w.spec as { size: number }).size },
    {
      name: 'Color',
      priority: 1,
      description: 'The paint.',
      cell: (w) => (w.spec as { color?: string }).color ?? '<none>',
    },
  ],
};

const events: Strategy = {
  ...widgets,
  ownsNameColumn: true,
  columns: [{ name: 'Reason', cell: () => 'Started' }, nameColumnAt(1)],
};

const widget: KubeObject = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'ns', resourceVersion: '5', labels: { a: 'b' } },
  spec: { size: 3 },
};

describe('table convertor', () => {
  it('puts Name first, then the strategy columns with their defaults', () => {
    const defs = columnDefinitions(widgets);
    expect(defs.map((d) => [d.name, d.type, d.format, d.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Size', 'integer', '', 0],
      ['Color', 'string', '', 1],
    ]);
    expect(defs[0].description).toMatch(/^Name must be unique within a namespace\./);
    expect(defs[2].description).toBe('The paint.');
  });

  it('leaves Name where a strategy that owns it puts it', () => {
    expect(columnDefinitions(events).map((d) => [d.name, d.priority])).toEqual([
      ['Reason', 0],
      ['Name', 1],
    ]);
    expect(tableRow(events, widget, 'None').cells).toEqual(['Started', 'w']);
  });

  it.each([
    { include: 'None' as const, want: undefined },
    {
      include: 'Metadata' as const,
      want: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: widget.metadata },
    },
    { include: 'Object' as const, want: widget },
  ])('embeds $include in each row', ({ include, want }) => {
    const row = tableRow(widgets, widget, include);
    expect(row.cells).toEqual(['w', 3, '<none>']);
    expect(row.object).toEqual(want);
  });

  it('renders a Table with the list metadata, Metadata by default, and no headers when asked', () => {
    const table = toTable(widgets, [widget, { ...widget, metadata: { name: 'v' } }], { resourceVersion: '9' });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '9' } });
    expect(table.columnDefinitions).toHaveLength(3);
    expect(table.rows.map((r) => r.cells[0])).toEqual(['w', 'v']);
    expect(table.rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(toTable(widgets, [widget], {}, { noHeaders: true }).columnDefinitions).toEqual([]);
  });

  it.each([
    {
      plural: 'pods',
      wide: ['IP', 'Node', 'Nominated Node', 'Readiness Gates'],
      narrow: ['Name', 'Ready', 'Status', 'Restarts', 'Age'],
    },
    { plural: 'namespaces', wide: [], narrow: ['Name', 'Status', 'Age'] },
    {
      plural: 'deployments',
      wide: ['Containers', 'Images', 'Selector'],
      narrow: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    },
  ])('gives $plural the columns of kubectl get', ({ plural, wide, narrow }) => {
    const defs = columnDefinitions(builtinStrategies.find((s) => s.kind.plural === plural)!);
    expect(defs.filter((d) => d.priority === 0).map((d) => d.name)).toEqual(narrow);
    expect(defs.filter((d) => d.priority === 1).map((d) => d.name)).toEqual(wide);
  });
});
