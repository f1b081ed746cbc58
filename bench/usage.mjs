/** `node --import ./bench/usage.mjs ...`: the same as `--require ./bench/usage.cjs` (which see). */
import './usage.cjs';
