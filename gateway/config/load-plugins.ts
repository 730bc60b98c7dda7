import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from './config-schema.js';

type PluginEntry = GatewayConfig['plugins'][number];

/** A package name as Node resolves it, or a file relative to `base` (the working directory). */
function specifier(module: string, base: string): string {
  return module.startsWith('.') || isAbsolute(module) ? pathToFileURL(resolve(base, module)).href : module;
}

const isPlugin = (value: unknown): value is Plugin => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The config file's `plugins`, imported at start: each entry names a module and an export, a plugin
 * factory (called with `options`, as `useX(options)` in code) or a plugin object. A name that does not
 * resolve stops the start, naming the entry.
 */
export async function loadPlugins(entries: readonly PluginEntry[], base = process.cwd()): Promise<Plugin[]> {
  return Promise.all(
    entries.map(async (entry, index) => {
      const where = `plugins[${index}] (${entry.module}#${entry.export})`;
      let plugin: unknown;
      try {
        const loaded = (await import(specifier(entry.module, base))) as Record<string, unknown>;
        const exported = loaded[entry.export];
        // Awaited: a factory may be async, and what it resolves to is what must be a plugin.
        plugin = await (typeof exported === 'function' ? (exported as (options: unknown) => unknown)(entry.options) : exported);
      } catch (error) {
        throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (!isPlugin(plugin)) throw new Error(`${where}: the export is neither an envelop plugin nor a function that returns one`);
      return plugin;
    }),
  );
}
