// The Deployment loop: rolls Deployments out through the ReplicaSets they control.
export { DEPLOYMENT_CONTROLLER, deploymentLoop } from './deployment.loop';
export type { DeploymentLoopOptions } from './deployment.loop';
