// Affinity settings in Terraform/OpenTofu (HCL) and Bicep: the tree-sitter side of the configuration hints. The
// rules themselves are shared with YAML and JSON (config/structuredAffinityRules.ts).

import { analyzeConfigTree } from '../config/configAnalysis';
import { structuredAffinityPrefilter } from '../config/prefilters';
import type { Detector } from '../types';

export const configAffinityDetector: Detector = {
  id: 'config-affinity',
  languages: ['hcl', 'bicep'],
  prefilter: structuredAffinityPrefilter,
  detect: ({ root, text, language }) => [...analyzeConfigTree(root, text, language === 'hcl' ? 'hcl' : 'bicep').findings],
};
