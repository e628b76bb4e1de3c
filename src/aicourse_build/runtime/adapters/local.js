/* Local adapter: localStorage under config.course.storageKey (preview and standalone use).
   The driver lives in core/tracker.js because every adapter falls back to it without an LMS. */
(function (AC) {
  'use strict';
  AC.adapters.local = function (config) { return AC.makeTracker(AC.localDriver(config), config); };
})(window.AICOURSE = window.AICOURSE || {});
