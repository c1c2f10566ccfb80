/** The design's legacy export, the seed every migration test (library, CLI, HTTP) starts from. */
export { seedExport } from './seed-export.js';
