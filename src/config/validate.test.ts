import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { SETTING_SCHEMAS, type SettingName } from './schema.js';
import { checkSetting, fitsSimpleSchema } from './validate.js';

const { Ajv } = createRequire(import.meta.url)('ajv') as {
  Ajv: new (options: Record<string, unknown>) => { compile(schema: object): (data: unknown) => boolean };
};
const ajv = new Ajv({ allErrors: true, strict: false });

const VALUES: unknown[] = [
  'default',
  'kube-system',
  '-bad',
  'Upper',
  'a'.repeat(63),
  'a'.repeat(64),
  '',
  'baseline',
  'restricted',
  'privileged',
  'latest',
  'v1.33',
  'v1.033',
  '1.33',
  'v1.33.2',
  'auto',
  'cilium',
  'calico',
  'azure',
  'file.json',
  '😀',
  7,
  null,
  true,
  ['default'],
  { name: 'default' },
];

describe('setting checks without ajv', () => {
  for (const name of Object.keys(SETTING_SCHEMAS) as SettingName[])
    it(`${name}: the simple check agrees with ajv on every value`, () => {
      const schema = SETTING_SCHEMAS[name];
      const validate = ajv.compile(schema);
      for (const value of VALUES)
        assert.equal(fitsSimpleSchema(schema, value), validate(value), `${name} ${JSON.stringify(value)}`);
    });

  it('leaves schemas with other keywords to ajv', () => {
    assert.equal(fitsSimpleSchema({ type: 'integer', minimum: 1 }, 3), undefined);
    assert.equal(fitsSimpleSchema({ type: 'string', maxLength: 3 }, 'ab'), undefined);
  });

  it('says what a refused setting must be', () => {
    assert.equal(checkSetting('pssVersion', 'v2'), 'must be latest or v1.N');
    assert.equal(checkSetting('defaultNamespace', 'team-a'), undefined);
  });
});
