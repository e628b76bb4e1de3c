'use strict';
// Time, duration, timestamp and number formats against the limits of standards.md (2.4, 3.4, 6).
const test = require('node:test');
const assert = require('node:assert/strict');
const { load } = require('./harness');

const { fmt } = load();
const HMS_12 = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;          // CMITimespan, Moodle's check
const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,2}(Z|[+-]\d{2}:\d{2})$/;

test('SCORM 1.2 timespans have 2-4 hour digits and at most 2 decimals', () => {
  assert.equal(fmt.hms(0), '00:00:00');
  assert.equal(fmt.hms(727500), '00:12:07.5');
  assert.equal(fmt.hms(3723456), '01:02:03.46');
  assert.equal(fmt.hms(5 * 60000), '00:05:00');      // not "0:05:00", which Moodle rejects
  assert.equal(fmt.hms(101 * 3600000), '101:00:00');
  assert.equal(fmt.hms(1e13), '9999:59:59.99');      // capped at the longest valid value
  assert.equal(fmt.hms(-5), '00:00:00');
  for (const ms of [0, 9, 10, 994, 995, 59999, 3599995, 360000000, 1e12, 123456789]) {
    assert.match(fmt.hms(ms), HMS_12, String(ms));
  }
});

test('SCORM 1.2 interaction time is a clock time', () => {
  const d = new Date(2025, 2, 1, 9, 5, 3, 512);
  assert.equal(fmt.clock(d), '09:05:03');
});

test('SCORM 2004 durations are ISO 8601 with at most 2 decimals and no weeks', () => {
  assert.equal(fmt.iso(0), 'PT0S');
  assert.equal(fmt.iso(727510), 'PT12M7.51S');
  assert.equal(fmt.iso(3723450), 'PT1H2M3.45S');
  assert.equal(fmt.iso(3600000), 'PT1H');
  assert.equal(fmt.iso(60000), 'PT1M');
  assert.equal(fmt.iso(500), 'PT0.5S');
  assert.equal(fmt.iso(49 * 3600000), 'PT49H');
  for (const ms of [0, 1, 5, 999, 1000, 59999, 3599999, 86400000, 1e11]) {
    assert.match(fmt.iso(ms), ISO_DURATION, String(ms));
  }
});

test('SCORM 2004 timestamps have 1-2 fractional digits and a zone only with the fraction', () => {
  const d = new Date(Date.UTC(2025, 2, 1, 14, 5, 33, 512));
  assert.equal(fmt.timestamp(d), '2025-03-01T14:05:33.51Z');
  assert.equal(fmt.timestamp(new Date(Date.UTC(2038, 0, 1))), '2038-01-01T00:00:00.00Z');
  assert.match(fmt.timestamp(new Date()), TIMESTAMP);
});

test('decimals are fixed, with a leading digit and never an exponent', () => {
  assert.equal(fmt.fixed(0.85, 2), '0.85');
  assert.equal(fmt.fixed(1, 2), '1.00');
  assert.equal(fmt.fixed(1e-7, 2), '0.00');
  assert.equal(fmt.fixed(-0.001, 2), '0.00');
  assert.equal(fmt.fixed(NaN, 2), '0.00');
  assert.equal(fmt.fixed(2 / 3, 4), '0.6667');
  for (const x of [0, 0.5, 1e-9, 12345.678, 1 / 3]) assert.match(fmt.fixed(x, 2), /^-?\d{1,5}\.\d{2}$/);
});
