// The event writes of a real node, with its own identity (the Node authorizer lets a node create
// and patch events): POST to the pod's namespace, merge-PATCH a repeat's count.
import { mergePatchType } from '@kubenest/apimachinery/patch';
import { ResourceClient, resources } from '@kubenest/client';
import type { CoreV1Event } from './event-object';

/** Where recorded events are written. */
export interface EventSink {
  create(namespace: string, event: CoreV1Event): Promise<void>;
  /** Merge patch; rejects with a 404 StatusError when the event is gone. */
  patch(namespace: string, name: string, patch: Partial<CoreV1Event>): Promise<void>;
}

export const eventSink = (client: ResourceClient): EventSink => {
  const events = client.resource<CoreV1Event>(resources.events);
  return {
    create: async (namespace, event) =>
      void (await events.create({ ...event, metadata: { ...event.metadata, namespace } })),
    patch: async (namespace, name, patch) => void (await events.patch(namespace, name, mergePatchType, patch)),
  };
};
