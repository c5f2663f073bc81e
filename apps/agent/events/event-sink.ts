// The event writes of a real node, with its own identity (the Node authorizer lets a node create
// and patch events): POST to the pod's namespace, merge-PATCH a repeat's count.
import { ApiClient, MERGE_PATCH } from '../client/api-client';
import type { CoreV1Event } from './event-object';

/** Where recorded events are written. */
export interface EventSink {
  create(namespace: string, event: CoreV1Event): Promise<void>;
  /** Merge patch; rejects with a 404 ApiError-like error when the event is gone. */
  patch(namespace: string, name: string, patch: Partial<CoreV1Event>): Promise<void>;
}

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
