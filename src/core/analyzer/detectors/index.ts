// The detector registry: every rule the analyzer runs. To add a rule, import it and append it to the array.

import type { Detector } from '../types';
import { djangoSessionDetector } from './djangoSessionDetector';
import { expressSessionDetector } from './expressSessionDetector';
import { fastapiSessionDetector } from './fastapiSessionDetector';
import { fastifySessionDetector } from './fastifySessionDetector';
import { flaskSessionDetector } from './flaskSessionDetector';
import { jsSessionMapDetector } from './jsSessionMapDetector';
import { nestCacheDetector } from './nestCacheDetector';
import { pythonSessionMapDetector } from './pythonSessionMapDetector';
import { socketIoAdapterDetector } from './socketIoAdapterDetector';
import { javaSessionMapDetector } from './javaSessionMapDetector';
import { javaHttpSessionDetector } from './javaHttpSessionDetector';
import { goSessionStoreDetector } from './goSessionStoreDetector';
import { goSessionMapDetector } from './goSessionMapDetector';
import { csharpSessionStoreDetector } from './csharpSessionStoreDetector';
import { csharpSessionMapDetector } from './csharpSessionMapDetector';
import { phpSessionStoreDetector } from './phpSessionStoreDetector';
import { rubySessionStoreDetector } from './rubySessionStoreDetector';
import { configAffinityDetector } from './configAffinityDetector';
import { jsStateHolderDetector } from '../stateHolders/jsStateHolderDetector';
import { pythonStateHolderDetector } from '../stateHolders/pythonStateHolderDetector';
import { goStateHolderDetector } from '../stateHolders/goStateHolderDetector';
import { javaStateHolderDetector } from '../stateHolders/javaStateHolderDetector';
import { csharpStateHolderDetector } from '../stateHolders/csharpStateHolderDetector';
import { phpStateHolderDetector } from '../stateHolders/phpStateHolderDetector';
import { rubyStateHolderDetector } from '../stateHolders/rubyStateHolderDetector';

/** All detectors, in reporting order. */
export const detectors: readonly Detector[] = [
  expressSessionDetector,
  fastifySessionDetector,
  socketIoAdapterDetector,
  nestCacheDetector,
  jsSessionMapDetector,
  jsStateHolderDetector,
  djangoSessionDetector,
  flaskSessionDetector,
  fastapiSessionDetector,
  pythonSessionMapDetector,
  pythonStateHolderDetector,
  javaHttpSessionDetector,
  javaSessionMapDetector,
  javaStateHolderDetector,
  goSessionStoreDetector,
  goSessionMapDetector,
  goStateHolderDetector,
  csharpSessionStoreDetector,
  csharpSessionMapDetector,
  csharpStateHolderDetector,
  phpSessionStoreDetector,
  phpStateHolderDetector,
  rubySessionStoreDetector,
  rubyStateHolderDetector,
  configAffinityDetector,
];
