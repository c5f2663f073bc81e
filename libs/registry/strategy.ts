// What makes one resource different from another: its kind, scope, defaults, validation,
// columns and field selectors. The generic store owns the order in which these run; a
// strategy never calls storage and never sees HTTP.
import { Column, FieldError, KubeObject } from '@kubenest/apimachinery';
import type { NameValidator } from '@kubenest/apimachinery/validation';
import type { GarbageCollectionPolicy } from './deletion-propagation';
import type { ResetFields } from './reset-fields';
import type { Subresource } from './subresources/subresource';

export interface ResourceKind {
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural, the URL segment: "pods". */
  plural: string;
  /** Lower-case singular: "pod". Defaults to kind lower-cased. */
  singular?: string;
  shortNames?: string[];
  categories?: string[];
}

/** How /scale reads and writes a resource (autoscaling/v1 Scale). */
export interface ScaleStrategy<T extends KubeObject = KubeObject> {
  specReplicas(obj: T): number;
  setSpecReplicas(obj: T, replicas: number): void;
  statusReplicas(obj: T): number;
  /** The label selector as a string, e.g. "app=web". */
  selector(obj: T): string;
}

/** How a PUT or PATCH of one subresource keeps what it may not change, and what it then checks. */
export interface UpdateSubresourceStrategy<T extends KubeObject = KubeObject> {
  /** What the write takes back from the stored object before prepareForUpdate runs. */
  resetFields?: ResetFields;
  /** Preparation beyond the reset fields (defaults, conditions' times). Mutates obj. */
  prepareForUpdate?(obj: T, old: T): void;
  validateUpdate?(obj: T, old: T): FieldError[];
}

export interface Strategy<T extends KubeObject = KubeObject> {
  kind: ResourceKind;
  namespaced: boolean;
  /**
   * The kind's name rule (DNS subdomain, DNS-1035 label, ...), as kube's NameFunc: the generic
   * store validates ObjectMeta with it and the kind's scope on every create and update.
   */
  nameValidator: NameValidator;
  /** A further rule for each of metadata.finalizers (built-in kinds: kube's own names or qualified ones). */
  validateFinalizerName?(name: string, path: string): FieldError[];
  /** Set defaults and clear what a client may not set on create (e.g. status). Mutates obj. */
  prepareForCreate?(obj: T): void;
  /**
   * What an update of the main resource takes back from the stored object, as kube's
   * GetResetFields; default: status, for a kind with a status subresource.
   */
  resetFields?: ResetFields;
  /** Defaults and the like on update, after the reset fields are back. Mutates obj. */
  prepareForUpdate?(obj: T, old: T): void;
  /** The kind's own checks; ObjectMeta is checked by the generic store before them. */
  validate(obj: T): FieldError[];
  /** Checks that only an update can break: immutable fields and the like (ObjectMeta's are the store's). */
  validateUpdate?(obj: T, old: T): FieldError[];
  /** Columns for Table output; NAME comes first automatically, AGE is a column like any. */
  columns?: Column<T>[];
  /** Field selector keys beyond metadata.name and metadata.namespace, with their value. */
  fieldSelectors?: Record<string, (obj: T) => string | undefined>;
  /** PUT of a missing object creates it (leases, endpoints, events), as kube's AllowCreateOnUpdate. */
  allowCreateOnUpdate?: boolean;
  /** Serves a /status subresource; its reset fields default to everything but status. */
  status?: UpdateSubresourceStrategy<T>;
  /** Serves a /scale subresource. */
  scale?: ScaleStrategy<T>;
  /**
   * The grace period a delete gets, given the one the client asked for (if any). Without this
   * hook deletion is never graceful; pods default to their spec's and get 0 when nothing runs.
   */
  gracePeriodSeconds?(obj: T, requested: number | undefined): number;
  /**
   * What a delete naming no propagation policy does to the dependents (kube's
   * DefaultGarbageCollectionPolicy); default DeleteDependents, in the background.
   */
  garbageCollectionPolicy?: GarbageCollectionPolicy;
  /** Called on delete with a private copy the hook may change (a namespace turns Terminating). */
  prepareForDelete?(obj: T): void;
  /**
   * True while something besides metadata.finalizers keeps a deleted object (a namespace's
   * spec.finalizers); it is removed once this and its finalizers are both clear.
   */
  holdsDeletion?(obj: T): boolean;
  /** Serves a /finalize subresource (namespaces) that writes spec.finalizers only. */
  finalize?: UpdateSubresourceStrategy<T>;
  /**
   * Further subresources, by name, that read the whole object and write a part of it, as kube's
   * per-subresource update strategies do (a CertificateSigningRequest's "approval").
   */
  updateSubresources?: Record<string, UpdateSubresourceStrategy<T>>;
  /** Subresources with handlers of their own (a pod's binding and eviction), by name. */
  subresources?: Record<string, Subresource>;
  /** Connect subresources (e.g. a pod's log, exec, attach, portforward), served by handlers the app registers. */
  connect?: string[];
  /** The columns include Name themselves (events show it last, wide only); otherwise it comes first. */
  ownsNameColumn?: boolean;
  /** Generation increments only when these change (default: everything but metadata and status). */
  generationTracked?: boolean;
}
