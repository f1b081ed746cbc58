import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanAks } from '../support/aksScan.js';

describe('editor and tool JSON is left out with a note, never an error', () => {
  const cases: [string, string, string][] = [
    ['.vscode/settings.json', '{\n  // editor\n  "editor.tabSize": 2,\n}\n', 'VS Code settings'],
    ['.vscode/launch.json', '{ "version": "0.2.0", "configurations": [ ] }\n', 'VS Code settings'],
    ['.devcontainer/devcontainer.json', '{\n  /* image */ "image": "x",\n}\n', 'dev container configuration'],
    ['cspell.json', '{"words": ["aks"]}\n', 'cSpell configuration'],
    [
      'tsconfig.json',
      '{ "compilerOptions": { "strict": true, }, }\n',
      'TypeScript/JavaScript project configuration',
    ],
    [
      'tsconfig.build.json',
      '{ "extends": "./tsconfig.json" ,, }\n',
      'TypeScript/JavaScript project configuration',
    ],
    ['package.json', '{"name": "x", "version": "1.0.0"}\n', 'npm package manifest'],
    [
      'schemas/cluster.schema.json',
      '{"$schema": "http://json-schema.org/draft-07/schema#"}\n',
      'JSON Schema',
    ],
    ['biome.json', '{ "formatter": { } }\n', 'Biome configuration'],
  ];
  for (const [file, text, kind] of cases) {
    it(file, async () => {
      const result = await scanAks({ [file]: text });
      assert.deepEqual(result.issues, [`note ${file}:0 ${kind}; not analysed`]);
      assert.deepEqual(result.coverage.skipped, [
        {
          path: file,
          category: 'tool-config',
          reason: `${kind}: editor or tool configuration, not a Kubernetes or Azure definition`,
          significant: false,
        },
      ]);
    });
  }

  it('a Kubernetes manifest in a .json file with another name is still read', async () => {
    const result = await scanAks(
      { 'k8s/manifest.json': '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}\n' },
      { families: ['aks'] },
    );
    assert.deepEqual(result.coverage.read, { kubernetes: 1 });
    assert.deepEqual(result.coverage.skipped, []);
  });
});
