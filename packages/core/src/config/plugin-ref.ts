import { type TUnsafe, Type } from '@sinclair/typebox';
import type { PluginConfig, PluginKind } from '../contracts/plugin.js';

/** Marker key: "a config section of this plugin kind goes here". The composer replaces it. */
export const PLUGIN_REF_KEY = 'x-gemlab-plugin';

/**
 * A param that is itself a plugin config, e.g. `kernel:` of mmd or `distance:` of
 * wasserstein. In the composed schema it becomes the union of every registered plugin of
 * that kind, so external kernels are accepted too.
 */
export function pluginRef(
  kind: PluginKind,
  options: { default?: PluginConfig; description?: string } = {},
): TUnsafe<PluginConfig> {
  return Type.Unsafe<PluginConfig>({ [PLUGIN_REF_KEY]: kind, ...options });
}
