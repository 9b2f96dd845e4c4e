// Every feature the server offers. Add new ones here.
import type { Feature } from '../feature';
import { validationFeature } from './validation';
import { codeActionsFeature } from './codeActions';

export const FEATURES: readonly Feature[] = [validationFeature, codeActionsFeature];
