// The root CA publisher loop.
export { ROOT_CA_CONFIGMAP } from './publish-root-ca.step';
export { rootCAPublisherLoop, ROOT_CA_PUBLISHER } from './root-ca-publisher.loop';
