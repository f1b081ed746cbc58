/**
 * Retained heap per loaded object: `node --expose-gc --import tsx bench/heap.ts DIR` loads the inventory of DIR,
 * collects garbage, and prints one JSON line {objects, heapBytes, perObjectBytes} (the inventory is kept alive).
 */
import { loadInventory } from '../src/load/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const directory = process.argv[2];
if (!directory) throw new Error('usage: heap.ts DIR');
gc();
const before = process.memoryUsage().heapUsed;
const inventory = await loadInventory({ paths: ['.'], cwd: directory });
gc();
const heapBytes = process.memoryUsage().heapUsed - before;
const objects = inventory.objects.length;
console.log(JSON.stringify({ objects, heapBytes, perObjectBytes: Math.round(heapBytes / objects) }));
