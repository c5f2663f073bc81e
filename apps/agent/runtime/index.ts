// Container runtimes: the interface pod workers drive and the default host-process runtime.
export { ContainerCannotRun } from './container-cannot-run';
export type {
  AdoptedContainer,
  ContainerExit,
  ContainerRuntime,
  ContainerStartRequest,
  ExecOptions,
  Mount,
  RunningContainer,
} from './container-runtime';
export { HostProcessRuntime } from './host-process-runtime';
