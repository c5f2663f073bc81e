// One client interface for everything that talks to the API: loops, the scheduler, the agent.
export * from './resource-client';
export * from './resources';
export * from './https';
