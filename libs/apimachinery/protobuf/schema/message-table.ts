// The notation of our protobuf schema tables, and its parsed form the decoder walks.
// A table maps a message name to { protobuf field number: '<json name> <type>' }.

/**
 * Field notation, e.g. `'replicas *int32'`, `'containers []core.v1.Container'`, `'labels map[string]string'`:
 * - type: a scalar (`string`, `bool`, `int32`, `int64`, `uint32`, `uint64`, `double`, `float`, `bytes`)
 *   or a message name (`core.v1.PodSpec`, `meta.v1.Time`, ...);
 * - `[]T` is a repeated field, `map[K]V` a protobuf map (repeated {1 key, 2 value} entries);
 * - `*T` keeps a scalar's zero value. Go's protobuf encoder writes every non-pointer scalar, so a zero
 *   value on the wire is only meaningful for Go pointers (`replicas: 0`) and fields without omitempty;
 *   other zero scalars are dropped, as Go's JSON encoder drops them;
 * - json name `(inline)`: the message's fields are merged into the parent (Go's `json:",inline"`);
 * - json name `(value)`: the message is a wrapper around a Go named slice, its JSON is this field's value.
 */
export type MessageTables = Record<string, Record<number, string>>;

export type ScalarType = 'string' | 'bool' | 'int32' | 'int64' | 'uint32' | 'uint64' | 'double' | 'float' | 'bytes';

export interface FieldDescriptor {
  json: string;
  inline: boolean;
  unwrap: boolean;
  shape: 'single' | 'repeated' | 'map';
  /** Scalar type or message name; for a map, the value type. */
  type: string;
  /** Map key type. */
  key?: ScalarType;
  keepZero: boolean;
}

export type MessageDescriptor = Map<number, FieldDescriptor>;

const scalarTypes = new Set<string>([
  'string',
  'bool',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'double',
  'float',
  'bytes',
]);

export const isScalar = (type: string): type is ScalarType => scalarTypes.has(type);

export const parseFieldSpec = (spec: string): FieldDescriptor => {
  const match = spec.match(/^(\S+) (?:(\[\])|map\[(\w+)\])?(\*)?(\S+)$/);
  if (!match) throw new Error(`bad field spec "${spec}"`);
  const [, json, repeated, key, keepZero, type] = match;
  if (key !== undefined && !isScalar(key)) throw new Error(`bad map key in "${spec}"`);
  return {
    json,
    inline: json === '(inline)',
    unwrap: json === '(value)',
    shape: repeated ? 'repeated' : key ? 'map' : 'single',
    type,
    key: key as ScalarType | undefined,
    keepZero: keepZero === '*',
  };
};

export const compileTables = (...tables: MessageTables[]): Map<string, MessageDescriptor> => {
  const compiled = new Map<string, MessageDescriptor>();
  for (const table of tables) {
    for (const [name, fields] of Object.entries(table)) {
      compiled.set(name, new Map(Object.entries(fields).map(([n, spec]) => [Number(n), parseFieldSpec(spec)])));
    }
  }
  return compiled;
};
