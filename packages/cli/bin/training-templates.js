#!/usr/bin/env node
// Committed, so package managers can link the command before the first build; the CLI itself is built to dist.
import "../dist/bin.js";
