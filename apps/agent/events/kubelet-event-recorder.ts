// A kubelet's events about pods, through the controller kit's recorder: source kubelet on this
// node, about a pod (and one of its containers through fieldPath), and a repeat whose Event is gone
// written again with its count, as client-go's recorder does in kubelet.
import { ResourceClient } from '@kubenest/client';
import { ClientEventRecorder } from '@kubenest/controllers/events';
import type { KubeletEvent, PodIdentity } from './kubelet-events';

export interface EventSubject {
  pod: PodIdentity;
  /** spec.containers{name} or spec.initContainers{name}; absent for the pod itself. */
  fieldPath?: string;
}

export interface KubeletEventRecorderOptions {
  client: ResourceClient;
  node: string;
  now?: () => number;
}

export class KubeletEventRecorder {
  private readonly recorder: ClientEventRecorder;

  constructor(options: KubeletEventRecorderOptions) {
    this.recorder = new ClientEventRecorder({
      client: options.client,
      component: 'kubelet',
      host: options.node,
      now: options.now,
      keepCountWhenGone: true,
    });
  }

  /** Queues the event; never throws, never waits. */
  record({ pod, fieldPath }: EventSubject, event: KubeletEvent): void {
    const about = { apiVersion: 'v1', kind: 'Pod', metadata: { ...pod }, fieldPath };
    this.recorder.event(about, event.type, event.reason, event.message);
  }

  /** Resolves when everything recorded so far has been sent or dropped. */
  flush(): Promise<void> {
    return this.recorder.flush();
  }
}
