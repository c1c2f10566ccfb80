#!/usr/bin/env node
// The bundle is built at install time (scripts/build-cli.mjs); this shim keeps the bin link stable.
import '../dist/providers.js';
