// Why a container cannot start, as kubelet reports it in a waiting state (reason + message).

export class ContainerCannotRun extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContainerCannotRun';
  }
}
