// Field numbers of the gnostic openapi.v2 messages we write (github.com/google/gnostic-models,
// openapiv2/OpenAPIv2.proto), the wire form kubectl decodes /openapi/v2 with.
export const DOCUMENT = { swagger: 1, info: 2, paths: 8, definitions: 9, security: 12, securityDefinitions: 13 };
export const INFO = { title: 1, version: 2, description: 3 };
/** Paths, and every Named* pair message: {1 name, 2 value}. */
export const PATHS = { path: 2 };
export const NAMED = { name: 1, value: 2 };
/** Definitions, Properties, Responses' codes, SecurityDefinitions, SecurityRequirement: one repeated pair field. */
export const PAIRS = { additionalProperties: 1 };
export const PATH_ITEM = { get: 2, put: 3, post: 4, delete: 5, patch: 8, parameters: 9 };
export const OPERATION = {
  tags: 1,
  description: 3,
  operationId: 5,
  produces: 6,
  consumes: 7,
  parameters: 8,
  responses: 9,
  schemes: 10,
  vendorExtension: 13,
};
export const RESPONSES = { responseCode: 1 };
export const RESPONSE_VALUE = { response: 1 };
export const RESPONSE = { description: 1, schema: 2 };
export const SCHEMA_ITEM = { schema: 1 };
/** ParametersItem {1 parameter}, Parameter {1 body, 2 non-body}. */
export const PARAMETERS_ITEM = { parameter: 1 };
export const PARAMETER = { bodyParameter: 1, nonBodyParameter: 2 };
export const BODY_PARAMETER = { description: 1, name: 2, in: 3, required: 4, schema: 5 };
export const NON_BODY_PARAMETER = { header: 1, query: 3, path: 4 };
/** QueryParameterSubSchema; path and header sub-schemas lack allow_empty_value, shifting later fields down by one. */
export const QUERY_PARAMETER = { required: 1, in: 2, description: 3, name: 4, type: 6, format: 7, uniqueItems: 20 };
export const PATH_PARAMETER = { required: 1, in: 2, description: 3, name: 4, type: 5, format: 6, uniqueItems: 19 };
export const SCHEMA = {
  ref: 1,
  format: 2,
  description: 4,
  uniqueItems: 16,
  required: 19,
  enum: 20,
  additionalProperties: 21,
  type: 22,
  items: 23,
  allOf: 24,
  properties: 25,
  vendorExtension: 31,
};
export const ADDITIONAL_PROPERTIES = { schema: 1, boolean: 2 };
/** TypeItem, StringArray: {1 repeated string}; ItemsItem: {1 repeated Schema}. */
export const VALUES = { value: 1 };
export const ANY = { yaml: 2 };
export const SECURITY_DEFINITIONS_ITEM = { apiKeySecurity: 2 };
export const API_KEY_SECURITY = { type: 1, name: 2, in: 3, description: 4 };
