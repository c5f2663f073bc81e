// The serviceaccount loop.
export { serviceAccountLoop, SERVICE_ACCOUNT_CONTROLLER } from './serviceaccount.loop';
