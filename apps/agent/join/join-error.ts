// A join that cannot succeed without the user changing something (token, CA hash, server): its
// message is one line saying what to check. The agent prints it and exits non-zero.

export class JoinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JoinError';
  }
}
