// Discovery documents: legacy (APIVersions, APIGroupList, APIResourceList) and aggregated (apidiscovery.k8s.io).
export * from './legacy-discovery';
export * from './aggregated-discovery';
export * from './discovery-negotiation';
