// The event writes of a real node, with its own identity (the Node authorizer lets a node create
// and patch events): POST to the pod's namespace, merge-PATCH a repeat's count.
import { ApiClient, MERGE_PATCH } from '../client/api-client';
import type { EventSink } from './event-recorder';

const eventsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;

export const eventSink = (client: ApiClient): EventSink => ({
  create: async (namespace, event) =>
    void (await client.request({ method: 'POST', path: eventsPath(namespace), body: event })),
  patch: async (namespace, name, patch) =>
    void (await client.request({
      method: 'PATCH',
      path: `${eventsPath(namespace)}/${encodeURIComponent(name)}`,
      body: patch,
      contentType: MERGE_PATCH,
    })),
});
