import { definePluginModule, type PluginSpec } from '@gemlab/core';
import { iris } from './bundled/iris.js';
import { mnist } from './bundled/mnist.js';
import { csv } from './loaders/csv.js';
import { json } from './loaders/json.js';
import { npy } from './loaders/npy.js';
import { anisotropic } from './synthetic/anisotropic.js';
import { blobs } from './synthetic/blobs.js';
import { celeuxOne } from './synthetic/celeux-one.js';
import { celeuxTwo } from './synthetic/celeux-two.js';
import { circles } from './synthetic/circles.js';
import { gmm } from './synthetic/gmm.js';
import { gstm } from './synthetic/gstm.js';
import { moons } from './synthetic/moons.js';

/** Every dataset plugin of this package, in the order `gemlab plugins` lists them. */
export const datasetPlugins: readonly PluginSpec<'dataset'>[] = [
  gstm,
  moons,
  circles,
  blobs,
  anisotropic,
  celeuxOne,
  celeuxTwo,
  gmm,
  mnist,
  iris,
  csv,
  json,
  npy,
];

export const datasetsModule = definePluginModule('@gemlab/datasets', datasetPlugins);
