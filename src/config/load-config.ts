import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { readYaml } from '../validation/read-yaml.ts';
import { zodDiagnostics } from '../validation/zod-diagnostics.ts';
import { locateInYaml } from '../episodes/locate-in-yaml.ts';
import type { ShowConfig } from './config.ts';
import { configSchema, parseInterval } from './config-schema.ts';

/** The config file's name in a show folder (SPEC §1). */
export const CONFIG_FILE = 'shownotes.config.yaml';

/** Reads and validates `shownotes.config.yaml`; every problem becomes a diagnostic. */
export async function loadConfig(root: string): Promise<{ config?: ShowConfig; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch {
    return {
      diagnostics: [{ severity: 'error', file: CONFIG_FILE, message: `no ${CONFIG_FILE} in ${root}: is this a show folder?` }],
    };
  }
  return parseConfig(text);
}

/** Validates config text (pure, for tests and the dev server). */
export function parseConfig(text: string, file = CONFIG_FILE): { config?: ShowConfig; diagnostics: Diagnostic[] } {
  const { source, errors } = readYaml(text, file);
  if (errors.length) return { diagnostics: errors };
  const result = configSchema.safeParse(source.data ?? {});
  if (!result.success) return { diagnostics: zodDiagnostics(result.error.issues, configSchema, source) };
  const c = result.data;
  const config: ShowConfig = {
    title: c.title,
    url: c.url.endsWith('/') ? c.url : `${c.url}/`,
    description: c.description,
    language: c.language,
    author: c.author,
    email: c.email,
    image: c.image,
    categories: c.categories,
    explicit: c.explicit,
    timezone: c.timezone,
    articles: {
      feeds: c.articles.feeds.map((entry, i) => {
        const line = locateInYaml(source.doc, source.lines, ['articles', 'feeds', i])?.line;
        return typeof entry === 'string' ? { location: entry, line } : { location: entry.url, name: entry.name, line };
      }),
      maxRelated: c.articles.max_related,
      minScore: c.articles.min_score,
      refreshSeconds: parseInterval(c.articles.refresh) ?? 6 * 3600,
    },
    images: c.images,
  };
  return { config, diagnostics: [] };
}
