// @peculiar/x509, loaded after the Reflect polyfill its dependency injection (tsyringe) needs.
import 'reflect-metadata';

export * from '@peculiar/x509';
