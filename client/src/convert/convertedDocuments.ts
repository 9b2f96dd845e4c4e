// Converted policies, shown on the right of the diff editor (kept as *.accesspolicy.json names so
// they are checked too).
import { VirtualDocuments } from '../virtualDocuments';

export const CONVERTED_SCHEME = 'accesspolicy-converted';

export class ConvertedDocuments extends VirtualDocuments {
  constructor() {
    super(CONVERTED_SCHEME, 10);
  }
}
