// The query and path parameters kube-apiserver documents on each kind of operation. kubectl reads
// `fieldValidation` on a PATCH to decide whether the server validates fields itself.
import { OpenApiParameter } from './openapi-types';

const query = (name: string, type: string, description: string): OpenApiParameter => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

const path = (name: string, description: string): OpenApiParameter => ({
  name,
  in: 'path',
  description,
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

export const nameParam = (kind: string): OpenApiParameter => path('name', `name of the ${kind}`);
export const namespaceParam = path('namespace', 'object name and auth scope, such as for teams and projects');
export const prettyParam = query('pretty', 'string', "If 'true', then the output is pretty printed.");

const dryRun = query(
  'dryRun',
  'string',
  'When present, modifications are not persisted. Valid value: "All" (process the request fully without storing it).',
);
const fieldManager = query(
  'fieldManager',
  'string',
  'A name for the actor making the change, recorded in managedFields. At most 128 printable characters.',
);
const fieldValidation = query(
  'fieldValidation',
  'string',
  'How to treat fields the schema does not know: Ignore drops them, Warn (the default) drops them and answers a Warning header per field, Strict fails the request with BadRequest.',
);
const force = query(
  'force',
  'boolean',
  'Apply requests only: take ownership of fields other managers own. Must be unset on other patch types.',
);

export const createParams = [dryRun, fieldManager, fieldValidation];
export const updateParams = createParams;
export const patchParams = [dryRun, fieldManager, fieldValidation, force];

export const listParams = [
  query('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK watch events. Servers may ignore it.'),
  query('continue', 'string', 'The continue token of the previous page of a paged list.'),
  query('fieldSelector', 'string', 'Restrict the returned objects by their fields, e.g. metadata.name=web.'),
  query('labelSelector', 'string', 'Restrict the returned objects by their labels, e.g. app=web,tier!=db.'),
  query(
    'limit',
    'integer',
    'The maximum number of objects in one page; the answer carries a continue token when more exist.',
  ),
  query(
    'resourceVersion',
    'string',
    'Which version of the collection to read or watch from; see resourceVersionMatch.',
  ),
  query('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  query(
    'sendInitialEvents',
    'boolean',
    'With watch=true: start with synthetic ADDED events for the current state, then a BOOKMARK.',
  ),
  query('timeoutSeconds', 'integer', 'Timeout of the list or watch call, regardless of activity.'),
  query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and stream them as add, update and remove notifications.',
  ),
];

export const deleteParams = [
  dryRun,
  query('gracePeriodSeconds', 'integer', 'Seconds before the object should be deleted; zero means immediately.'),
  query('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  query(
    'propagationPolicy',
    'string',
    'Whether and how garbage collection handles dependents: Orphan, Background or Foreground.',
  ),
];

export const deleteCollectionParams = [
  ...deleteParams,
  ...listParams.filter((p) => p.name !== 'watch' && p.name !== 'allowWatchBookmarks'),
];
