// Embind lifetimes: every Dataset, Split and Trainer the worker makes is freed here and nowhere else.

/** Deletes each Embind object given, skipping null/undefined, in the order given. */
export function disposeAll(...objects) {
  for (const o of objects) if (o) o.delete();
}

/** A data bundle's Embind objects ({ full, split, train, test }), in the order they are freed. */
export function disposeData(bundle) {
  if (bundle) disposeAll(bundle.test, bundle.train, bundle.split, bundle.full);
}
