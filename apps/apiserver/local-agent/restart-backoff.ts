// How soon the supervisor starts the local agent again after it exits.
import type { RestartPolicy } from '@kubenest/apimachinery/wait';

export const LOCAL_AGENT_RESTART: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 60_000, healthyAfterMs: 60_000 };
