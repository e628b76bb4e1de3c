'use strict';
// Prints the length of the JS encoder's output for the maximal state of a boot config:
//   node tests/runtime/max_state.js config.json
// and the state format it writes (tests/unit/package/test_state_budget.py cross-checks both with
// state_budget.py)
const fs = require('fs');
const { load, maximalModel } = require('./harness');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const AC = load();
const encoded = AC.state.encode(maximalModel(AC, config), config, 0);
const back = AC.state.encode(AC.state.decode(encoded, config), config, 0);
process.stdout.write(JSON.stringify({ length: encoded.length, roundTrip: back === encoded, format: AC.state.FORMAT }) + '\n');
