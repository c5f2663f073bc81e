// A start-up configuration error: its message is one line naming the variable or flag at fault.

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
