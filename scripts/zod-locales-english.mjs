// Stands in for zod's `locales` module inside the bundles (see bundle-options.mjs): zod's
// English messages, which it registers as its default, and none of its other 60 languages.
export { default as en } from 'zod/v4/locales/en.js';
