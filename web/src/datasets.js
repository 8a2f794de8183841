// The catalogue of data sets the playground offers. Generated sets come from the engine
// (Dataset.generate); the real ones are the UCI files shipped in data/ (Dataset.builtin).

export const GENERATED = Object.freeze({
  circle: { label: 'Circle', task: 'classification', classes: 2 },
  xor: { label: 'XOR', task: 'classification', classes: 2 },
  gaussian: { label: 'Gaussian', task: 'classification', classes: 2 },
  spiral: { label: 'Spiral', task: 'classification', classes: 2 },
  'reg-plane': { label: 'Plane', task: 'regression', classes: 0 },
  'reg-gauss': { label: 'Gaussians', task: 'regression', classes: 0 },
});

export const BUILTIN = Object.freeze({
  iris: {
    label: 'Iris', file: 'iris.csv', task: 'classification', classes: 3, features: 4,
    credit: 'Iris: R. A. Fisher (1936), UCI Machine Learning Repository, CC BY 4.0.',
    about: '150 flowers, 4 measurements (cm), 3 species.',
  },
  wine: {
    label: 'Wine', file: 'wine_data.csv', task: 'classification', classes: 3, features: 13,
    credit: 'Wine: M. Forina et al. (1991), UCI Machine Learning Repository, CC BY 4.0.',
    about: '178 wines, 13 chemical measurements, 3 cultivars.',
  },
  digits: {
    label: 'Digits', file: 'digits.csv', task: 'classification', classes: 10, features: 64,
    credit: 'Optical Recognition of Handwritten Digits: E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository, CC BY 4.0.',
    about: '1797 handwritten digits as 8×8 images of 0..16. Reaches about 95% test accuracy in 30 epochs with the preset network.',
  },
});

/** 'custom': points the user clicks in; 'csv': the user's uploaded file (not carried by links). */
export const USER = Object.freeze({
  custom: { label: 'Draw your own', task: 'classification', classes: 2 },
  csv: { label: 'Your CSV', task: 'auto', classes: -1 },
});

export const DATASET_NAMES = Object.freeze([
  ...Object.keys(GENERATED), ...Object.keys(BUILTIN), ...Object.keys(USER),
]);

/** Static facts about a data set name; csv facts come from the loaded file (info). */
export function datasetFacts(name, info = null) {
  if (GENERATED[name]) return { ...GENERATED[name], twoD: true, standardize: false, name };
  if (BUILTIN[name]) return { ...BUILTIN[name], twoD: false, standardize: true, name };
  if (name === 'custom') return { ...USER.custom, twoD: true, standardize: false, name };
  if (name === 'csv') {
    const task = info ? info.task : 'classification';
    return {
      ...USER.csv, name, task, classes: info ? (task === 'regression' ? 0 : info.numClasses) : 2,
      twoD: info ? info.numFeatures === 2 : false, standardize: true,
    };
  }
  throw new Error(`unknown data set '${name}'`);
}

/** The points of generated and custom sets lie in [-6, 6]^2 (TensorFlow Playground's frame). */
export const PLANE_EXTENT = Object.freeze({ x0: -6, x1: 6, y0: -6, y1: 6 });

/** Network settings that suit a data set, applied when the user picks it (not on links). */
export function presetFor(name) {
  if (name === 'digits') {
    return { networkShape: [32, 16], activations: ['relu', 'relu'], optimizer: 'adam',
      learningRate: 0.003, batchSize: 32, ratio: 80, regularization: 'none', dropout: 0 };
  }
  if (name === 'iris' || name === 'wine') {
    return { networkShape: [8], activations: ['tanh'], optimizer: 'adam', learningRate: 0.01,
      batchSize: 10, ratio: 70, regularization: 'none', dropout: 0 };
  }
  if (name === 'csv') {
    return { networkShape: [16, 8], activations: ['relu', 'relu'], optimizer: 'adam',
      learningRate: 0.003, batchSize: 16 };
  }
  return null;
}
