// The local agent's IPC message, as the control plane reads it.
import { isJoinedMessage, JOINED_MESSAGE } from './local-agent-link';

describe('isJoinedMessage', () => {
  it.each([
    { message: JOINED_MESSAGE, want: true },
    { message: JSON.parse(JSON.stringify(JOINED_MESSAGE)), want: true },
    { message: { type: 'left' }, want: false },
    { message: 'joined', want: false },
    { message: null, want: false },
    { message: undefined, want: false },
  ])('$message: $want', ({ message, want }) => expect(isJoinedMessage(message)).toBe(want));
});
