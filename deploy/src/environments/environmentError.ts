// A problem with the folder's environments (no config, an invalid one, an unknown --env, a tenant
// that disagrees, an unreadable ids file). The user's configuration is wrong, so the CLI reports
// it as a configuration error (exit 2) before anything is sent.
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}
