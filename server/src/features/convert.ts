// *Convert to v1.0* for the editor: the core's converter runs here, so the extension bundle carries
// no copy of the core, its schemas or ajv. The client sends the text it will replace.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Feature } from '../feature';
import { runSafe } from '../runSafe';
import { convertBetaToV1, type ConversionResult } from '../../../core/src';
import { CONVERT_TO_V1_REQUEST } from '../../../common/src';

const UNREADABLE: ConversionResult = {
  ok: false,
  reasons: ['The converter failed on this file; the language server log has the details.'],
};

export const convertFeature: Feature = {
  name: 'convert',
  capabilities: {},
  register({ connection }): void {
    connection.onRequest(CONVERT_TO_V1_REQUEST, (params, token) =>
      runSafe<ConversionResult | ResponseError>(connection, CONVERT_TO_V1_REQUEST.method, UNREADABLE, token, () =>
        typeof params?.text === 'string'
          ? convertBetaToV1(params.text)
          : new ResponseError(ErrorCodes.InvalidParams, `${CONVERT_TO_V1_REQUEST.method} needs { text: string }`),
      ),
    );
  },
};
