// Creates ConfigMaps through one apiserver and remembers each answer: the acknowledged ones with
// their resourceVersion, the refused ones with status, Retry-After and body, for the checks.
import { HttpsResponse } from '../support/https-client';
import { ApiClient, configMap, configMapsPath, describeResponse } from './api-client';
import { Change } from './delivery-check';

export interface WriteOutcome {
  name: string;
  startedAt: number;
  ms: number;
  /** The HTTP status, or 0 when no answer came (connection error, client timeout). */
  status: number;
  detail: string;
  response?: HttpsResponse;
}

export class WriteLog {
  readonly outcomes: WriteOutcome[] = [];

  constructor(
    private readonly api: ApiClient,
    private readonly namespace: string,
  ) {}

  async create(name: string, timeoutMs = 45_000): Promise<WriteOutcome> {
    const path = configMapsPath(this.namespace);
    const startedAt = Date.now();
    let outcome: WriteOutcome;
    try {
      const res = await this.api.call('POST', path, configMap(name, { name }), timeoutMs);
      outcome = {
        name,
        startedAt,
        ms: Date.now() - startedAt,
        status: res.status,
        detail: describeResponse('POST', path, res),
        response: res,
      };
    } catch (e) {
      outcome = {
        name,
        startedAt,
        ms: Date.now() - startedAt,
        status: 0,
        detail: `POST ${path}: ${(e as Error).message}`,
      };
    }
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Writes names in `lanes` concurrent sequences; resolves with the outcomes of this call. */
  async createAll(names: string[], lanes = 4): Promise<WriteOutcome[]> {
    const queue = [...names];
    const results: WriteOutcome[] = [];
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) results.push(await this.create(name));
      }),
    );
    return results;
  }

  /** ADDED changes of the acknowledged creates, in resourceVersion order. */
  acknowledged(): Change[] {
    return this.outcomes
      .filter((o) => o.status === 201)
      .map((o) => ({
        type: 'ADDED',
        name: o.name,
        resourceVersion: o.response!.json().metadata.resourceVersion as string,
      }))
      .sort((a, b) => Number(a.resourceVersion) - Number(b.resourceVersion));
  }

  /** Names whose create answered anything but 201: the write may or may not have happened. */
  outcomeUnknown(): Set<string> {
    return new Set(this.outcomes.filter((o) => o.status !== 201).map((o) => o.name));
  }

  failures(): WriteOutcome[] {
    return this.outcomes.filter((o) => o.status !== 201);
  }
}
