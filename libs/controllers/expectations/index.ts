// Creations and deletions a controller waits to observe, as kube's ControllerExpectations.
export { Expectations, EXPECTATIONS_TIMEOUT_MS } from './expectations';
