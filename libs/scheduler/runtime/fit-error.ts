// The error a scheduling attempt ends with when the pod fits nowhere; its message is built by the
// framework's fitErrorMessage.
import { type Diagnosis, fitErrorMessage } from '../framework/fit-error';

/** kube's ErrNoNodesAvailable. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export class FitError extends Error {
  constructor(
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {
    super();
  }

  override get message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}
