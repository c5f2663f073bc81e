// The root CA publisher loop.
export { rootCAPublisherLoop, ROOT_CA_PUBLISHER, ROOT_CA_CONFIGMAP } from './root-ca-publisher.loop';
