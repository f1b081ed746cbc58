import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('restrictedVolumes', {
  title: 'Volume type outside the restricted set',
  description:
    'Pod Security restricted allows only volume types whose access is mediated by Kubernetes: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Inline network or host volumes (hostPath, nfs, and on Azure the in-tree `azureFile` and `azureDisk`) bypass storage classes and their access control.',
  severity: 'low',
  fix: {
    manifest:
      'Use a PersistentVolumeClaim with the Azure Files or Azure Disk CSI storage class (or an inline `csi` volume) instead of the in-tree volume.',
  },
});
