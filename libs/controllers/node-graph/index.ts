// The Node authorizer's graph, kept from the pods' watch cache.
export { startNodeGraphPopulator } from './node-graph-populator';
export type { NodeGraphPopulatorDeps } from './node-graph-populator';
