// Content collections of the docs site. Hand-written guides live in src/content/docs (Starlight);
// systems and reference pages are loaded from the topologies by topodoc's own loaders.
// (A .mjs file: `astro:content` is a virtual module that only Astro resolves.)
import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { referenceLoader, topologyLoader } from './site/loader.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  systems: defineCollection({ loader: topologyLoader() }),
  reference: defineCollection({ loader: referenceLoader() }),
};
