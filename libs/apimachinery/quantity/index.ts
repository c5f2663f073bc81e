// Resource quantities (CPU, memory, ...) parsed and printed as resource.Quantity does.
export * from './quantity';
