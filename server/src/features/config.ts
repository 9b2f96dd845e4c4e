// The folder configuration for the extension: `accessPolicy/config` answers the core's reading of
// a configuration's text (environments, values, diagnostics), for the environment picker and the
// deploy command. Diagnostics, hover and completion of open configuration documents are in
// ../config/configDocuments.ts, called by the validation, hover and completion features.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../feature';
import { runSafe } from '../runSafe';
import { parseConfig } from '../../../core/src';
import { CONFIG_REQUEST, type ConfigParams, type ConfigResult } from '../../../common/src';

export const configFeature: Feature = {
  name: 'config',
  capabilities: {},
  register(ctx: ServerContext): void {
    const { connection } = ctx;
    connection.onRequest(CONFIG_REQUEST, (params: ConfigParams, token) =>
      runSafe<ConfigResult | ResponseError>(
        connection,
        CONFIG_REQUEST.method,
        new ResponseError(ErrorCodes.InternalError, 'reading the configuration failed; see the server log'),
        token,
        () => {
          if (typeof params?.text !== 'string')
            return new ResponseError(ErrorCodes.InvalidParams, `${CONFIG_REQUEST.method} needs { text: string }`);
          const { config, diagnostics } = parseConfig(params.text);
          return { config: config ?? null, diagnostics };
        },
      ),
    );
  },
};
