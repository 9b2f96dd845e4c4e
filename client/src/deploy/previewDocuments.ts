// The two sides of a deploy preview (the tenant's policy and what will be sent), for the diff editor.
import { VirtualDocuments } from '../virtualDocuments';

export const PREVIEW_SCHEME = 'accesspolicy-preview';

export class PreviewDocuments extends VirtualDocuments {
  constructor() {
    super(PREVIEW_SCHEME, 20);
  }
}
