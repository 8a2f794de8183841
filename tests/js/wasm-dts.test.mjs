// wasm/backprop.d.ts in sync with the module Embind builds from wasm/bindings.cpp: every declared
// method exists and every bound method is declared; value objects have the declared fields; the
// name unions equal the names the core accepts. And small users of the engine and page APIs type-check
// against wasm/backprop.d.ts and web/src/index.d.ts with tsc (a devDependency).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  VARIANTS, loadVariant, withObjects, optionsText, readRepoText, repoPath,
} from './helpers.mjs';

// --- A small reader for the .d.ts: interfaces and string-literal unions. ---

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

// Splits at `separator` where no (), {}, [] or <> is open ('=>' is not a closing '>').
function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if ('({[<'.includes(c)) depth += 1;
    else if (')}]'.includes(c) || (c === '>' && text[i - 1] !== '=')) depth -= 1;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** {interfaces: {Name: {methods: Set, properties: Set, constructs: bool}}, unions: {Name: [..]}} */
export function parseDts(source) {
  const text = stripComments(source);
  const interfaces = {};
  const header = /export\s+interface\s+(\w+)[^{]*\{/g;
  let match;
  while ((match = header.exec(text))) {
    let depth = 1;
    let i = header.lastIndex;
    for (; depth > 0; ++i) {
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}') depth -= 1;
    }
    const body = text.slice(header.lastIndex, i - 1);
    const entry = { methods: new Set(), properties: new Set(), constructs: false };
    for (const member of splitTopLevel(body, ';')) {
      const m = /^(?:readonly\s+)?(new\b|[A-Za-z_$][\w$]*)\??\s*([(<:])/.exec(member);
      assert.ok(m, `cannot read member '${member}' of interface ${match[1]}`);
      if (m[1] === 'new') entry.constructs = true;
      else if (m[2] === ':') entry.properties.add(m[1]);
      else entry.methods.add(m[1]);
    }
    interfaces[match[1]] = entry;
  }
  const unions = {};
  for (const [, name, union] of text.matchAll(/export\s+type\s+(\w+)\s*=([^;]+);/g)) {
    unions[name] = [...union.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  }
  return { interfaces, unions };
}

const dts = parseDts(readRepoText('wasm/backprop.d.ts'));
const sorted = (names) => [...names].sort();

// What Embind made: methods bound on a class's prototype, class functions, free functions, classes.
const isEmbindClass = (value) =>
  typeof value === 'function' && typeof value.prototype?.isAliasOf === 'function';
const boundMethods = (cls) => Object.getOwnPropertyNames(cls.prototype)
  .filter((k) => k !== 'constructor' && typeof cls.prototype[k] === 'function');
const classFunctions = (cls) => Object.getOwnPropertyNames(cls)
  .filter((k) => typeof cls[k] === 'function');
// Embind's exposePublicSymbol gives every free function an own `argCount`.
const freeFunctions = (M) => Object.keys(M).filter((k) =>
  typeof M[k] === 'function' && !isEmbindClass(M[k]) && Object.hasOwn(M[k], 'argCount'));

// The core's list of accepted names, from the error an unknown name raises.
function acceptedNames(call) {
  try {
    withObjects((own) => own(call()));
  } catch (error) {
    const m = /unknown value '.*'; accepted: (.*)$/.exec(error.message);
    assert.ok(m, `unexpected message: ${error.message}`);
    return m[1].split(', ');
  }
  assert.fail('an unknown name was accepted');
}

test('the .d.ts reader finds the interfaces and unions', () => {
  for (const name of ['Trainer', 'Dataset', 'DatasetSplit', 'DatasetStatic', 'TrainerStatic',
    'BackpropModule', 'StepReport', 'Metrics', 'GradientCheckResult', 'DatasetInfo',
    'TrainerOptions', 'SampleTrace', 'LayerTrace']) {
    assert.ok(dts.interfaces[name], `interface ${name} not found`);
  }
  assert.ok(dts.interfaces.Trainer.methods.has('predictGrid'));
  assert.ok(dts.interfaces.TrainerStatic.constructs);
  assert.ok(dts.interfaces.BackpropModule.properties.has('Dataset'));
  assert.deepEqual(dts.unions.CostName, ['quadratic', 'binary_cross_entropy', 'cross_entropy', 'huber']);
  // The reader can fail: a member it cannot read, and a missing method, are seen.
  assert.throws(() => parseDts('export interface X { 42: number; }'), /cannot read member/);
  assert.ok(!parseDts('export interface X { a(): void; }').interfaces.X.methods.has('b'));
});

for (const { simd, name } of VARIANTS) {
  describe(`backprop.d.ts matches the module (${name})`, () => {
    let M;
    before(async () => {
      ({ module: M } = await loadVariant(simd));
    });

    for (const cls of ['Trainer', 'Dataset', 'DatasetSplit']) {
      test(`${cls}: declared methods = bound methods (+ delete)`, () => {
        assert.ok(isEmbindClass(M[cls]), `${cls} is not an Embind class on the module`);
        const declared = dts.interfaces[cls].methods;
        assert.ok(declared.has('delete'), `${cls} must declare delete()`);
        assert.equal(typeof M[cls].prototype.delete, 'function');
        assert.deepEqual(sorted(boundMethods(M[cls])), sorted([...declared].filter((m) => m !== 'delete')));
      });
    }

    test('DatasetStatic and TrainerStatic = the class functions and constructors', () => {
      assert.deepEqual(sorted(classFunctions(M.Dataset)), sorted(dts.interfaces.DatasetStatic.methods));
      assert.deepEqual(sorted(classFunctions(M.Trainer)), sorted(dts.interfaces.TrainerStatic.methods));
      assert.equal(dts.interfaces.TrainerStatic.constructs, true);
      withObjects((own) => own(new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'] }))));
      assert.deepEqual(sorted(classFunctions(M.DatasetSplit)), []);
      // Dataset's constructor makes the empty set (setData's "no test set").
      assert.equal(dts.interfaces.DatasetStatic.constructs, true);
      withObjects((own) => assert.equal(JSON.parse(own(new M.Dataset()).infoJson()).numSamples, 0));
      assert.throws(() => new M.DatasetSplit(), /no accessible constructor/, 'DatasetSplit has no constructor');
    });

    test('BackpropModule: declared members exist; every Embind function and class is declared', () => {
      const { methods, properties } = dts.interfaces.BackpropModule;
      for (const m of methods) assert.equal(typeof M[m], 'function', `module.${m}`);
      for (const p of properties) assert.ok(isEmbindClass(M[p]), `module.${p} is not a class`);
      // Embind's free functions.
      for (const f of freeFunctions(M)) assert.ok(methods.has(f), `module.${f} is not declared`);
      assert.deepEqual(sorted(freeFunctions(M)),
        sorted(['heapBytes', 'simdInstructionSets', 'tfpFeatures', 'tfpInitialWeights', 'tfpRandom']));
      // Every class is declared; those JS can create or call statically are module properties.
      for (const k of Object.keys(M).filter((key) => isEmbindClass(M[key]))) {
        assert.ok(dts.interfaces[k], `class ${k} has no interface`);
        if (classFunctions(M[k]).length > 0) assert.ok(properties.has(k), `module.${k} is not declared`);
      }
    });

    test('value objects have exactly the declared fields', () => withObjects((own) => {
      const data = own(M.Dataset.generate('circle', 20, 0, 1));
      const trainer = own(new M.Trainer(optionsText({ layers: [2, 3, 1], activations: ['tanh', 'tanh'] })));
      trainer.setData(data, data, false);
      const fields = (iface) => sorted([...dts.interfaces[iface].properties]);
      assert.deepEqual(sorted(Object.keys(trainer.trainSteps(1))), fields('StepReport'));
      assert.deepEqual(sorted(Object.keys(trainer.report())), fields('StepReport'));
      assert.deepEqual(sorted(Object.keys(trainer.evaluate())), fields('Metrics'));
      assert.deepEqual(sorted(Object.keys(trainer.gradientCheck(2, 0))), fields('GradientCheckResult'));
      assert.deepEqual(sorted(Object.keys(JSON.parse(data.infoJson()))), fields('DatasetInfo'));
      assert.deepEqual(sorted(Object.keys(JSON.parse(trainer.optionsJson()))), fields('TrainerOptions'));
      assert.deepEqual(JSON.parse(data.infoJson()).task, 'classification');
      // traceSample's plain objects (not value objects, but declared the same way).
      const trace = trainer.traceSample(0);
      assert.deepEqual(sorted(Object.keys(trace)), fields('SampleTrace'));
      for (const layer of trace.layers) assert.deepEqual(sorted(Object.keys(layer)), fields('LayerTrace'));
    }));

    test('the name unions are the names the core accepts', () => {
      const unknown = '?';
      const trainerWith = (extra) => () =>
        new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'], ...extra }));
      const accepted = {
        ActivationName: trainerWith({ activations: [unknown] }),
        CostName: trainerWith({ cost: unknown }),
        InitName: trainerWith({ init: unknown }),
        OptimizerName: trainerWith({ optimizer: unknown }),
        RegularizationName: trainerWith({ regularization: unknown }),
        ScheduleName: trainerWith({ schedule: unknown }),
        FeatureName: trainerWith({ layers: [1, 1], features: [unknown] }),
        GeneratorName: () => M.Dataset.generate(unknown, 10, 0, 1),
        BuiltinName: () => M.Dataset.builtin(unknown, ''),
        TaskName: () => M.Dataset.fromArrays([0, 1], [0, 1], 1, unknown, 2),
        TfpDatasetName: () => M.Dataset.generateTfp(unknown, 0, 50, '0.5'),
        TfpInputKey: () => M.tfpFeatures([unknown]),
        DeltaRuleName: () => withObjects((own) => {
          const trainer = own(new M.Trainer(optionsText({ layers: [2, 1], activations: ['tanh'] })));
          return trainer.traceSample(0, unknown);
        }),
      };
      for (const [union, call] of Object.entries(accepted)) {
        assert.ok(dts.unions[union], `type ${union} not found in the .d.ts`);
        assert.deepEqual(sorted(acceptedNames(call)), sorted(dts.unions[union]), union);
      }
      // fromCsv's task: 'auto' | TaskName.
      assert.deepEqual(sorted(acceptedNames(() => M.Dataset.fromCsv('1,0\n', unknown))),
        sorted(['auto', ...dts.unions.TaskName]));
    });
  });
}

// --- TypeScript: users of both public APIs type-check against the .d.ts files. ---
// typescript is a devDependency (npm ci installs it); the check fails, never skips, without it.
// The users import the package by its own name ('backprop-playground', 'backprop-playground/engine'),
// so package.json's "exports" → "types" entries are checked too. They live in a temporary folder
// inside the repository (build/), which is what lets the self-reference resolve.

const TSC = process.env.BP_TSC ?? repoPath('node_modules/typescript/bin/tsc');

export const ENGINE_USER = `
import { loadBackprop, simdSupported } from 'backprop-playground/engine';
import type { BackpropModule, Dataset, DatasetSplit, FeatureName, Metrics, StepReport, Trainer, TrainerOptions } from 'backprop-playground/engine';
import type { DeltaRuleName, LayerTrace, OutputDeltaName, SampleTrace } from 'backprop-playground/engine';

export async function run(): Promise<number> {
  const { module, variant } = await loadBackprop({ simd: simdSupported() });
  const M: BackpropModule = module;
  const v: 'simd' | 'base' = variant;
  const options: TrainerOptions = {
    layers: [2, 8, 1], activations: ['tanh', 'sigmoid'], cost: 'binary_cross_entropy', seed: 3,
  };
  const data: Dataset = M.Dataset.generate('spiral', 100, 0.1, 1);
  const trainer: Trainer = new M.Trainer(JSON.stringify(options));
  try {
    trainer.setData(data, data, true);
    const r: StepReport = trainer.trainSteps(10);
    const m: Metrics = trainer.evaluate();
    const p: Float32Array = trainer.parameters();
    const grid: Float32Array = trainer.predictGrid(-6, 6, -6, 6, 10, 10, false);
    const tfp: DatasetSplit = M.Dataset.generateTfp('gauss', 10, 50, '0.58835');
    const w: Float64Array = M.tfpInitialWeights('gauss', 10, 50, '0.58835', [2, 4, 1], false);
    const f: FeatureName[] = M.tfpFeatures(['sinX', 'x']);
    const trace: SampleTrace = trainer.traceSample(3);
    const seedTrace: SampleTrace = trainer.traceSample(3, 'seed_erratum');
    const layer: LayerTrace = trace.layers[0];
    const rule: DeltaRuleName = seedTrace.rule;
    const out: OutputDeltaName = trace.outputDelta;
    const traced: number = layer.z[0] + layer.sigmaPrime[0] + layer.dCda[0] + layer.delta[0]
      + trace.a[0][0] + trace.gradient[0] + trace.cost + trace.input[0] + trace.target[0]
      + trace.label + trace.prediction[0] + trace.predictedClass + trace.sample + rule.length + out.length;
    const tfpOptions: TrainerOptions = { layers: [2, 4, 1], activations: ['relu', 'tanh'], tfpMode: true };
    trainer.setParameters(w, true);
    tfp.delete();
    return r.loss + m.testAccuracy + p[0] + grid[0] + v.length + M.heapBytes() + w[0] + f.length
      + M.tfpRandom('0.5', 1)[0] + tfpOptions.layers.length + traced;
  } finally {
    trainer.delete();
    data.delete();
  }
}

// @ts-expect-error: 'rleu' is not an activation
export const typo: TrainerOptions = { layers: [2, 1], activations: ['rleu'] };
// @ts-expect-error: 'seed' is not a delta rule
export const badRule = (t: Trainer) => t.traceSample(0, 'seed');
// @ts-expect-error: layers is required
export const missing: TrainerOptions = { activations: ['tanh'] };
`;

export const PAGE_USER = `
import { createPlayground, definePlaygroundElement, parseHash, toHash, DEFAULTS, readAttributes, CONTROL_PRESETS } from 'backprop-playground';
import type {
  PlaygroundController, PlaygroundSettings, PlaygroundStats, PlaygroundMetrics, PlaygroundData,
  BackpropPlaygroundElement, ControlId, ViewId,
} from 'backprop-playground';

export async function mount(element: HTMLElement): Promise<number> {
  const pg: PlaygroundController = createPlayground(element, {
    state: '#dataset=spiral', autoplay: true, hash: false, lazy: true,
    ui: { controls: CONTROL_PRESETS.minimal, views: ['network', 'output'] },
  });
  pg.play(); pg.pause(); pg.toggle(); pg.step(); pg.step(10); pg.reset();
  pg.setState({ dataset: 'circle', networkShape: [4, 2] });
  pg.setState('#dataset=xor');
  pg.state = '#dataset=gaussian';
  const ready: PlaygroundController = await pg.ready;
  const settings: PlaygroundSettings = ready.state;
  const stats: PlaygroundStats | null = pg.stats;
  const metrics: PlaygroundMetrics | null = pg.metrics;
  const data: PlaygroundData | null = pg.getData();
  pg.addEventListener('epoch', (e) => { const loss: number = e.detail.trainLoss; void loss; });
  pg.addEventListener('change', (e) => { const hash: string = e.detail.hash; void hash; });
  const params: Float32Array | null = pg.getParameters();
  const { state, errors } = parseHash('#dataset=xor', DEFAULTS);
  const link: string = toHash(state) + pg.getUrl();
  const Ctor = definePlaygroundElement('my-playground');
  const el: BackpropPlaygroundElement = document.createElement('backprop-playground');
  el.setAttribute('network-shape', '8,8');
  const same: BackpropPlaygroundElement = await el.ready;
  same.play(); same.step(5);
  el.addEventListener('diverged', (e) => { const rate: number = e.detail.learningRate; void rate; });
  const read = readAttributes((name) => el.getAttribute(name));
  const firstView: ViewId = read.ui.views[0];
  const control: ControlId = 'learning-rate';
  pg.destroy();
  return settings.learningRate + (stats?.firstTrainedFrameAt ?? 0) + errors.length + link.length
    + (params?.length ?? 0) + (metrics?.epoch ?? 0) + (data?.train.length ?? 0) + (Ctor ? 1 : 0)
    + firstView.length + control.length + read.errors.length;
}

// @ts-expect-error: 'moons' is not a data set
export const unknownDataset: Partial<PlaygroundSettings> = { dataset: 'moons' };
// @ts-expect-error: createPlayground needs an element
export const noElement = () => createPlayground('#here');
// @ts-expect-error: 'chart' is not a view
export const badView: ViewId = 'chart';
`;

/** Runs tsc --strict on the given files ({ name: source }); returns { ok, output }. */
export function typeCheck(files) {
  const parent = repoPath('build');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'dts-check-'));
  try {
    const paths = Object.entries(files).map(([name, source]) => {
      const file = join(dir, name);
      writeFileSync(file, source);
      return file;
    });
    try {
      execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--target', 'es2022',
        '--module', 'es2022', '--moduleResolution', 'bundler', '--lib', 'es2022,dom',
        ...paths], { encoding: 'utf8', cwd: dir });
      return { ok: true, output: '' };
    } catch (error) {
      return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('TypeScript users of the engine and page APIs compile with tsc --noEmit --strict', () => {
  assert.ok(existsSync(TSC), `TypeScript is not installed (${TSC}): it is a devDependency, run npm ci`);
  const { ok, output } = typeCheck({ 'engine-user.ts': ENGINE_USER, 'page-user.ts': PAGE_USER });
  assert.ok(ok, `tsc found errors:\n${output}`);
});

test('the TypeScript check fails on a type error (a wrong field type in each API)', () => {
  assert.ok(existsSync(TSC), `TypeScript is not installed (${TSC}): it is a devDependency, run npm ci`);
  const engine = typeCheck({ 'engine-user.ts': `${ENGINE_USER}\nexport const wrong: number = ({} as Metrics).testLoss + '';\n` });
  assert.equal(engine.ok, false, 'a string assigned to a number was accepted');
  assert.match(engine.output, /engine-user\.ts\(\d+,\d+\): error TS2322/);
  const page = typeCheck({ 'page-user.ts': `${PAGE_USER}\nexport const wrong: string = ({} as PlaygroundMetrics).epoch;\n` });
  assert.equal(page.ok, false, 'a number assigned to a string was accepted');
  assert.match(page.output, /page-user\.ts\(\d+,\d+\): error TS2322/);
});
