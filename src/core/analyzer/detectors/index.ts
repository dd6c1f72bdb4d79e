// The detector registry: every rule the analyzer runs. To add a rule, import it and append it to the array.

import type { Detector } from '../types';
import { expressSessionDetector } from './expressSessionDetector';
import { fastifySessionDetector } from './fastifySessionDetector';
import { jsSessionMapDetector } from './jsSessionMapDetector';
import { nestCacheDetector } from './nestCacheDetector';
import { socketIoAdapterDetector } from './socketIoAdapterDetector';

/** All detectors, in reporting order. */
export const detectors: readonly Detector[] = [
  expressSessionDetector,
  fastifySessionDetector,
  socketIoAdapterDetector,
  nestCacheDetector,
  jsSessionMapDetector,
];
