// Every feature the server offers. Add new ones here.
import type { Feature } from '../feature';
import { validationFeature } from './validation';
import { codeActionsFeature } from './codeActions';
import { hoverFeature } from './hover';
import { completionFeature } from './completion';
import { jsonServiceFeature } from './jsonService';
import { convertFeature } from './convert';
import { summaryFeature } from './summary';
import { tenantFeature } from './tenant';
import { configFeature } from './config';

export const FEATURES: readonly Feature[] = [
  validationFeature,
  codeActionsFeature,
  hoverFeature,
  completionFeature,
  jsonServiceFeature,
  convertFeature,
  summaryFeature,
  tenantFeature,
  configFeature,
];
