// Encodes a Swagger 2.0 document as gnostic's openapi.v2.Document protobuf, the body kubectl asks
// /openapi/v2 for (it reads operations' fieldValidation support and the schemas' patch metadata).
import { Writer } from 'protobufjs/minimal';
import {
  ADDITIONAL_PROPERTIES,
  ANY,
  API_KEY_SECURITY,
  BODY_PARAMETER,
  DOCUMENT,
  INFO,
  NAMED,
  NON_BODY_PARAMETER,
  OPERATION,
  PAIRS,
  PARAMETER,
  PARAMETERS_ITEM,
  PATH_ITEM,
  PATH_PARAMETER,
  PATHS,
  QUERY_PARAMETER,
  RESPONSE,
  RESPONSE_VALUE,
  RESPONSES,
  SCHEMA,
  SCHEMA_ITEM,
  SECURITY_DEFINITIONS_ITEM,
  VALUES,
} from './gnostic-field-numbers';
import {
  Encode,
  writeBool,
  writeMessage,
  writeMessages,
  writeOneofBool,
  writeString,
  writeStrings,
} from './protobuf-fields';
import {
  SwaggerApiKeySecurity,
  SwaggerDocument,
  SwaggerOperation,
  SwaggerParameter,
  SwaggerPathItem,
  SwaggerResponse,
  SwaggerSchema,
} from './swagger-types';
import { toExtensionYaml } from './vendor-extension-yaml';

/** A map as gnostic writes it: one Named* {1 name, 2 value} message per entry, in the map's order. */
function writeNamed<T>(w: Writer, field: number, record: Record<string, T> | undefined, encode: Encode<T>): void {
  for (const [name, value] of Object.entries(record ?? {})) {
    writeMessage(w, field, value, (pair, v) => {
      writeString(pair, NAMED.name, name);
      writeMessage(pair, NAMED.value, v, encode);
    });
  }
}

/** An Any holding a value as YAML text, as gnostic stores extension values, enums and defaults. */
const encodeAny: Encode<unknown> = (w, value) => writeString(w, ANY.yaml, toExtensionYaml(value));

/** The x- keys of an object, as repeated NamedAny. */
function writeExtensions(w: Writer, field: number, object: object): void {
  const extensions = Object.entries(object).filter(([key, value]) => key.startsWith('x-') && value !== undefined);
  writeNamed(w, field, Object.fromEntries(extensions), encodeAny);
}

const encodeAdditionalProperties: Encode<SwaggerSchema | boolean> = (w, value) => {
  if (typeof value === 'boolean') writeOneofBool(w, ADDITIONAL_PROPERTIES.boolean, value);
  else writeMessage(w, ADDITIONAL_PROPERTIES.schema, value, encodeSchema);
};

const encodeStringValues: Encode<string[]> = (w, values) => writeStrings(w, VALUES.value, values);

export const encodeSchema: Encode<SwaggerSchema> = (w, s) => {
  writeString(w, SCHEMA.ref, s.$ref);
  writeString(w, SCHEMA.format, s.format);
  writeString(w, SCHEMA.description, s.description);
  writeBool(w, SCHEMA.uniqueItems, s.uniqueItems);
  writeStrings(w, SCHEMA.required, s.required);
  writeMessages(w, SCHEMA.enum, s.enum, encodeAny);
  writeMessage(w, SCHEMA.additionalProperties, s.additionalProperties, encodeAdditionalProperties);
  writeMessage(w, SCHEMA.type, s.type ? [s.type] : undefined, encodeStringValues);
  writeMessage(w, SCHEMA.items, s.items, (items, schema) => writeMessage(items, VALUES.value, schema, encodeSchema));
  writeMessages(w, SCHEMA.allOf, s.allOf, encodeSchema);
  writeMessage(w, SCHEMA.properties, s.properties, (p, props) =>
    writeNamed(p, PAIRS.additionalProperties, props, encodeSchema),
  );
  writeExtensions(w, SCHEMA.vendorExtension, s);
};

const encodeNonBodyParameter: Encode<Exclude<SwaggerParameter, { in: 'body' }>> = (w, p) => {
  const fields = p.in === 'query' ? QUERY_PARAMETER : PATH_PARAMETER;
  writeMessage(w, NON_BODY_PARAMETER[p.in], p, (sub, param) => {
    writeBool(sub, fields.required, param.required);
    writeString(sub, fields.in, param.in);
    writeString(sub, fields.description, param.description);
    writeString(sub, fields.name, param.name);
    writeString(sub, fields.type, param.type);
    writeString(sub, fields.format, param.format);
    writeBool(sub, fields.uniqueItems, param.uniqueItems);
  });
};

const encodeParameter: Encode<SwaggerParameter> = (w, p) => {
  if (p.in === 'body') {
    writeMessage(w, PARAMETER.bodyParameter, p, (body, param) => {
      writeString(body, BODY_PARAMETER.description, param.description);
      writeString(body, BODY_PARAMETER.name, param.name);
      writeString(body, BODY_PARAMETER.in, param.in);
      writeBool(body, BODY_PARAMETER.required, param.required);
      writeMessage(body, BODY_PARAMETER.schema, param.schema, encodeSchema);
    });
  } else {
    writeMessage(w, PARAMETER.nonBodyParameter, p, encodeNonBodyParameter);
  }
};

/** ParametersItem {1 Parameter}: we inline every parameter, never a #/parameters reference. */
const encodeParametersItem: Encode<SwaggerParameter> = (w, p) =>
  writeMessage(w, PARAMETERS_ITEM.parameter, p, encodeParameter);

const encodeResponse: Encode<SwaggerResponse> = (w, r) =>
  writeMessage(w, RESPONSE_VALUE.response, r, (response, value) => {
    writeString(response, RESPONSE.description, value.description);
    writeMessage(response, RESPONSE.schema, value.schema, (item, schema) =>
      writeMessage(item, SCHEMA_ITEM.schema, schema, encodeSchema),
    );
  });

const encodeOperation: Encode<SwaggerOperation> = (w, op) => {
  writeStrings(w, OPERATION.tags, op.tags);
  writeString(w, OPERATION.description, op.description);
  writeString(w, OPERATION.operationId, op.operationId);
  writeStrings(w, OPERATION.produces, op.produces);
  writeStrings(w, OPERATION.consumes, op.consumes);
  writeMessages(w, OPERATION.parameters, op.parameters, encodeParametersItem);
  writeMessage(w, OPERATION.responses, op.responses, (responses, codes) =>
    writeNamed(responses, RESPONSES.responseCode, codes, encodeResponse),
  );
  writeStrings(w, OPERATION.schemes, op.schemes);
  writeExtensions(w, OPERATION.vendorExtension, op);
};

const encodePathItem: Encode<SwaggerPathItem> = (w, item) => {
  writeMessage(w, PATH_ITEM.get, item.get, encodeOperation);
  writeMessage(w, PATH_ITEM.put, item.put, encodeOperation);
  writeMessage(w, PATH_ITEM.post, item.post, encodeOperation);
  writeMessage(w, PATH_ITEM.delete, item.delete, encodeOperation);
  writeMessage(w, PATH_ITEM.patch, item.patch, encodeOperation);
  writeMessages(w, PATH_ITEM.parameters, item.parameters, encodeParametersItem);
};

const encodeApiKeySecurity: Encode<SwaggerApiKeySecurity> = (w, s) =>
  writeMessage(w, SECURITY_DEFINITIONS_ITEM.apiKeySecurity, s, (key, value) => {
    writeString(key, API_KEY_SECURITY.type, value.type);
    writeString(key, API_KEY_SECURITY.name, value.name);
    writeString(key, API_KEY_SECURITY.in, value.in);
    writeString(key, API_KEY_SECURITY.description, value.description);
  });

export function encodeGnosticDocument(doc: SwaggerDocument): Uint8Array {
  const w = Writer.create();
  writeString(w, DOCUMENT.swagger, doc.swagger);
  writeMessage(w, DOCUMENT.info, doc.info, (info, value) => {
    writeString(info, INFO.title, value.title);
    writeString(info, INFO.version, value.version);
    writeString(info, INFO.description, value.description);
  });
  writeMessage(w, DOCUMENT.paths, doc.paths, (paths, value) => writeNamed(paths, PATHS.path, value, encodePathItem));
  writeMessage(w, DOCUMENT.definitions, doc.definitions, (defs, value) =>
    writeNamed(defs, PAIRS.additionalProperties, value, encodeSchema),
  );
  writeMessages(w, DOCUMENT.security, doc.security, (requirement, value) =>
    writeNamed(requirement, PAIRS.additionalProperties, value, encodeStringValues),
  );
  writeMessage(w, DOCUMENT.securityDefinitions, doc.securityDefinitions, (defs, value) =>
    writeNamed(defs, PAIRS.additionalProperties, value, encodeApiKeySecurity),
  );
  return w.finish();
}
