// Declaring a control loop and running declared loops under leader election.
export { chain } from './chain';
export { canonicalControllerName, ControllerSelection } from './controller-selection';
export type { Step, StepResult } from './chain';
export { CONTROLLER_MANAGER_LEASE, defineLoop, enqueueMapped, enqueueNamespaceOfNamed } from './define-loop';
export type {
  Loop,
  LoopDefinition,
  LoopDeps,
  LoopWatch,
  RunnableLoop,
  RunnableLoopDeps,
  RunningLoop,
} from './define-loop';
export { LoopManager } from './loop-manager';
export type { LoopManagerOptions } from './loop-manager';
export { ignoreNotFound } from './ignore-not-found';
export { ObjectMemory } from './object-memory';
export { parseResourceName } from './resource-name';
export { updateFresh } from './update-fresh';
