/* Narrow screens: the table of contents starts folded, so the page comes first. */
(function (AC) {
  'use strict';
  AC.layout = function () {
    var details = AC.$('.toc-details');
    if (details && window.matchMedia && window.matchMedia('(max-width: 55.99rem)').matches) {
      details.open = false;
    }
  };
})(window.AICOURSE = window.AICOURSE || {});
