/**
 * The loader alone as a whole process: reads every file under the folder into the inventory (YAML read as kubectl
 * does, positions, objects, indexes) and prints the object count. The issue 16 table divides its CPU by the floor's.
 */
import { loadInventory } from '../dist/load/index.js';

const inventory = await loadInventory({ paths: ['.'], cwd: process.argv[2] });
console.log(`${inventory.objects.length} objects`);
