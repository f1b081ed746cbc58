import { pssCheckRule } from './pssCheckRule.js';

export default pssCheckRule('appArmorProfile', {
  title: 'AppArmor disabled',
  description:
    "The runtime's default AppArmor profile confines what a compromised container can do on the node. Setting the profile to `Unconfined` (field `appArmorProfile.type` or the older `container.apparmor.security.beta.kubernetes.io/*` annotation) removes that layer. Pod Security baseline allows only RuntimeDefault and Localhost profiles.",
  severity: 'medium',
  fix: {
    manifest: 'Remove the Unconfined profile, or set `securityContext.appArmorProfile.type: RuntimeDefault`.',
  },
});
