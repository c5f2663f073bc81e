import { StatusError } from '@kubenest/apimachinery';
import { Lease } from '../node/node-api';
import { startLeaseHeartbeat } from './lease-heartbeat';

describe('startLeaseHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('renews every 10 s after the stagger delay, backs off 200 ms doubling on failure, stops cleanly', async () => {
    const renewals: number[] = [];
    let failures = 0;
    const write = async (l: Lease) => {
      if (failures > 0) {
        failures--;
        throw new Error('connection reset');
      }
      renewals.push(Date.now());
      return l;
    };
    const heartbeat = startLeaseHeartbeat(
      {
        getLease: async () => {
          throw new StatusError(404, 'NotFound', '');
        },
        createLease: write,
        updateLease: write,
      },
      { name: 'w1' },
      { initialDelayMs: 2500 },
    );
    await jest.advanceTimersByTimeAsync(22_500);
    expect(renewals).toEqual([2500, 12_500, 22_500]);

    // The server goes away for three attempts: retries at +200, +400, +800 ms after the failure.
    failures = 3;
    renewals.length = 0;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(renewals).toEqual([]);
    await jest.advanceTimersByTimeAsync(1400);
    expect(renewals).toEqual([32_500 + 200 + 400 + 800]);

    await heartbeat.stop();
    renewals.length = 0;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(renewals).toEqual([]);
  });
});
