// How a control loop is declared: what it is for, what it owns, who it acts as and its reconcile,
// as controller-runtime's builder (For, Owns, Complete). The loop manager builds the rest.
import { Logger } from '@nestjs/common';
import { KubeObject } from '@kubenest/apimachinery';
import type { ResourceClient, ResourceRef } from '@kubenest/client';
import type { EventRecorder } from '../events';
import type { Expectations } from '../expectations';
import type { IndexFunc, InformerFactory, Lister } from '../informer';
import { keyOf } from '../queue/keys';
import type { Step } from './chain';

/** What a loop's reconcile is given. Objects from listers are shared: copy before changing one. */
export interface LoopDeps<T extends KubeObject = KubeObject> {
  /** The API as the loop's identity: every write goes through authorization and admission. */
  client: ResourceClient;
  /** The objects the loop is for. */
  lister: Lister<T>;
  /**
   * The lister of an owned resource, or of any other the loop reads. Ask while building the
   * reconcile (in `reconcile(deps)`), so that its informer has synced before the workers start.
   * `indexers` are added to that informer (shared: the same name must mean the same function).
   */
  listerFor<O extends KubeObject = KubeObject>(
    resource: string | ResourceRef,
    indexers?: Record<string, IndexFunc<O>>,
  ): Lister<O>;
  expectations: Expectations;
  recorder: EventRecorder;
  logger: Logger;
}

export interface LoopDefinition<T extends KubeObject = KubeObject> {
  name: string;
  /** The user the loop acts as, e.g. 'system:serviceaccount:kube-system:replicaset-controller'. */
  identity: string;
  /** 'apps/v1/replicasets', 'v1/namespaces', or a ResourceRef. */
  for: string | ResourceRef;
  /** Resources whose controller ownerReference points at a `for` object: a change enqueues that owner. */
  owns?: (string | ResourceRef)[];
  /**
   * The `for` objects that may adopt an owned object with no controller (kube's getPodReplicaSets):
   * each is enqueued when such an object appears or its labels or owner change.
   */
  adopters?: (orphan: KubeObject, lister: Lister<T>) => T[];
  /** Other resources whose changes enqueue `for` objects, as controller-runtime's Watches with a map function. */
  watches?: LoopWatch<T>[];
  reconcile: (deps: LoopDeps<T>) => Step<T>;
  /**
   * What a key whose object is gone needs, for what no ownerReference ties to it (kube's endpoints
   * controller deletes a deleted Service's Endpoints): given the key, `namespace/name` or `name`.
   */
  gone?: (deps: LoopDeps<T>) => (key: string) => Promise<void>;
  /** Keys handled at the same time (never the same key twice at once). */
  workers?: number;
  /** The backoff of a key whose reconcile failed, when the queue's default does not suit the loop. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /**
   * The Lease in kube-system the loop runs under. Loops naming the same Lease run together under
   * one election, as kube-controller-manager's loops do under its one Lease.
   */
  lease?: string;
}

/** A resource a loop watches: each change of one of its objects enqueues the keys `keys` names. */
export interface LoopWatch<T extends KubeObject = KubeObject> {
  resource: string | ResourceRef;
  /** The keys of the `for` objects to look at again; `old` is set on an update. */
  keys: (obj: KubeObject, old: KubeObject | undefined, lister: Lister<T>) => string[];
}

/**
 * A watch's keys from a map to the `for` objects a watched object bears on, as controller-runtime's
 * EnqueueRequestsFromMapFunc: on an update both the old and the new object are mapped.
 */
export const enqueueMapped =
  <T extends KubeObject>(map: (obj: KubeObject, lister: Lister<T>) => T[]): LoopWatch<T>['keys'] =>
  (obj, old, lister) =>
    [...map(obj, lister), ...(old ? map(old, lister) : [])].map(keyOf);

/**
 * A watch's keys for a loop over namespaces that keeps one named object in each: a change to an
 * object of that name enqueues its namespace, while the namespace is known.
 */
export const enqueueNamespaceOfNamed = (name: string): LoopWatch['keys'] =>
  enqueueMapped((obj, namespaces) =>
    obj.metadata.name === name
      ? [namespaces.get(undefined, obj.metadata.namespace!)].filter((ns): ns is KubeObject => !!ns)
      : [],
  );

/** The Lease loops run under unless they name their own. */
export const CONTROLLER_MANAGER_LEASE = 'kube-controller-manager';

/** A declared loop, whatever its object type. */
export type Loop = LoopDefinition<KubeObject>;

export const defineLoop = <T extends KubeObject>(definition: LoopDefinition<T>): Loop => definition as unknown as Loop;

/** A loop while it runs, as the manager drives it: LoopRunner is one. */
export interface RunningLoop {
  /** Starts its workers once its informers have synced. */
  start(): Promise<void>;
  /** Stops taking work and resolves once the work under way has finished. */
  stop(): Promise<void>;
  /** Resolves once nothing is queued or being handled (for tests). */
  idle(): Promise<void>;
}

/** What a self-built loop is given for one term of its Lease. */
export interface RunnableLoopDeps {
  /** The API as the loop's identity. */
  client: ResourceClient;
  /** The term's shared informers (they list and watch as the manager); any made later start at once. */
  informers: InformerFactory;
}

/**
 * A loop that is not one reconcile over one resource, and so builds its own queues and handlers
 * (the garbage collector, over every resource), as a controller-runtime Runnable: the manager
 * runs it under its Lease like any loop, with a fresh `run` each term.
 */
export interface RunnableLoop {
  name: string;
  identity: string;
  lease?: string;
  run(deps: RunnableLoopDeps): RunningLoop;
}
