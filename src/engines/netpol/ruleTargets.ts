import type { Policy, PolicyPeer, PolicyRule } from './model.js';

/** Per direction: the peer keys each rule matches, shared between rules with identical peers. */
export class RuleTargets {
  /** The list for rules without peers (every peer). */
  readonly all: readonly number[];
  private readonly allSet: ReadonlySet<number>;
  private readonly byRule = new Map<PolicyRule, readonly number[]>();
  private readonly sets = new Map<readonly number[], ReadonlySet<number>>();
  private readonly setByRule = new Map<PolicyRule, ReadonlySet<number>>();
  private readonly peerCache = new Map<string, number[]>();

  constructor(
    peerCount: number,
    private readonly peerTargets: (
      peer: PolicyPeer,
      namespace: string,
      cache: Map<string, number[]>,
    ) => number[],
  ) {
    this.all = Array.from({ length: peerCount }, (_, i) => i);
    this.allSet = { has: (key: number) => key >= 0 && key < peerCount } as ReadonlySet<number>;
  }

  keys(rule: PolicyRule, policy: Policy): readonly number[] {
    let keys = this.byRule.get(rule);
    if (keys) return keys;
    if (rule.peers === null) keys = this.all;
    else if (rule.peers.length === 1)
      keys = this.peerTargets(rule.peers[0]!, policy.namespace, this.peerCache);
    else {
      const merged = new Set<number>();
      for (const peer of rule.peers)
        for (const key of this.peerTargets(peer, policy.namespace, this.peerCache)) merged.add(key);
      keys = [...merged];
    }
    this.byRule.set(rule, keys);
    return keys;
  }

  set(rule: PolicyRule, policy: Policy): ReadonlySet<number> {
    let set = this.setByRule.get(rule);
    if (set) return set;
    const keys = this.keys(rule, policy);
    if (keys === this.all) set = this.allSet;
    else {
      set = this.sets.get(keys);
      if (!set) {
        set = new Set(keys);
        this.sets.set(keys, set);
      }
    }
    this.setByRule.set(rule, set);
    return set;
  }
}
