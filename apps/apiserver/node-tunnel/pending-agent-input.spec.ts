import { sharedPause } from './pending-agent-input';

describe('sharedPause', () => {
  it('pauses the source for the first relay behind and resumes it after the last catches up', () => {
    const calls: string[] = [];
    const shared = sharedPause({ pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    shared.pause();
    shared.pause();
    shared.resume();
    expect(calls).toEqual(['pause']);
    shared.resume();
    shared.resume();
    expect(calls).toEqual(['pause', 'resume']);
  });
});
