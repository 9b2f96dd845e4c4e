// Every feature the server offers. Add new ones here.
import type { Feature } from '../feature';
import { validationFeature } from './validation';

export const FEATURES: readonly Feature[] = [validationFeature];
