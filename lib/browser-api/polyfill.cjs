/*
 * `browser` for the extension's bundles: webextension-polyfill, required from CommonJS.
 *
 * Why CommonJS: imported from an ES module, the bundler wraps a CommonJS module's exports in a
 * namespace object by copying every own property. Where the browser has its own promise-based
 * `browser` (Firefox, and Chromium since it added one), the polyfill exports that object as it is,
 * and the copy reads a descriptor of each of its APIs, which makes Chromium build every API
 * binding up front: 2 to 13 ms in each popup, options page and schedule page before our first
 * line runs. Required from here, the polyfill's value is used as it is; the copy made for
 * importers of this file touches one property. wxt.config.ts points `wxt/browser` here.
 */
'use strict';

exports.browser = require('webextension-polyfill');
