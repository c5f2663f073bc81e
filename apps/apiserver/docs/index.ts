// The Swagger console.
export * from './swagger-console';
